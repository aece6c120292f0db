package acctest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/rosterhq/terraform-provider-roster/internal/provider"
	"github.com/rosterhq/terraform-provider-roster/internal/serve"
)

// providerAddress is where the CLI looks for the provider of a configuration that names it `roster` without
// a required_providers block: the default registry host (OpenTofu's differs) and namespace, which
// terraform-plugin-testing takes from the same variables.
func providerAddress() string {
	host, namespace := os.Getenv("TF_ACC_PROVIDER_HOST"), os.Getenv("TF_ACC_PROVIDER_NAMESPACE")
	if host == "" {
		host = "registry.terraform.io"
	}
	if namespace == "" {
		namespace = "hashicorp"
	}
	return host + "/" + namespace + "/roster"
}

// Workdir is terraform, run by terraform-exec in a directory of its own, with the provider served in-process.
// Pass Reattach to every command. It is for what terraform-plugin-testing cannot do, such as interrupting an
// apply: terraform-exec stops terraform with SIGINT, like Ctrl-C, when the context of a command is cancelled.
type Workdir struct {
	*tfexec.Terraform
	Reattach *tfexec.ReattachOption
}

// NewWorkdir writes config to a new directory, serves the provider in-process (it stops when the test ends)
// and runs `terraform init`.
func NewWorkdir(t *testing.T, config string) *Workdir {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		// As resource.Test does: make's unit phase runs every package with TF_ACC unset.
		t.Skip("an acceptance test: it runs with TF_ACC=1 (make testacc)")
	}
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		t.Fatal("driving terraform needs TF_ACC_TERRAFORM_PATH")
	}
	ctx, stop := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	go func() {
		err := tf6server.Serve(providerAddress(), serve.Server(provider.New("test")),
			tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case <-time.After(10 * time.Second):
		stop()
		t.Fatal("the provider server did not start")
	}
	t.Cleanup(func() {
		stop()
		<-closed
	})

	tf, err := tfexec.NewTerraform(t.TempDir(), bin)
	if err != nil {
		t.Fatal(err)
	}
	wd := &Workdir{Terraform: tf, Reattach: tfexec.Reattach(tfexec.ReattachInfo{providerAddress(): tfexec.ReattachConfig{
		Protocol: string(cfg.Protocol), ProtocolVersion: cfg.ProtocolVersion, Pid: cfg.Pid, Test: cfg.Test,
		Addr: tfexec.ReattachConfigAddr{Network: cfg.Addr.Network(), String: cfg.Addr.String()},
	}})}
	wd.Write(t, config)
	if err := tf.Init(context.Background(), wd.Reattach); err != nil {
		t.Fatalf("terraform init: %v", err)
	}
	return wd
}

// Write replaces the configuration.
func (w *Workdir) Write(t *testing.T, config string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(w.WorkingDir(), "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}
