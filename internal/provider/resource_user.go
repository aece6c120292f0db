package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ resource.ResourceWithConfigure   = (*userResource)(nil)
	_ resource.ResourceWithImportState = (*userResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*userResource)(nil)
)

type userResource struct{ resourceBase }

func newUserResource() resource.Resource { return &userResource{} }

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (r *userResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !r.planChecksApply() {
		return
	}
	managed := managedFrom(ctx, req.Private)
	if planChangesNothing(req) && !managed.removedFromConfig(req.Config.Raw) {
		return
	}
	var config, plan userModel
	resp.Diagnostics.Append(userSplit().get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(userSplit().get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkForeignAttributes(r.data, userPlatformAttrs(), config.Platforms, &resp.Diagnostics)
	requireEmailOfPerson(config, plan, &resp.Diagnostics)
	inactive := r.planInactiveDrift(ctx, req, &plan, &resp.Diagnostics)
	checkCapabilities(r.data, platform.KindUser, map[string]bool{
		"name":        setAndChanged(ctx, req.Config, req.State, "name"),
		"role":        setAndChanged(ctx, req.Config, req.State, "role"),
		"active":      setAndChanged(ctx, req.Config, req.State, "active"),
		"password_wo": setAndChanged(ctx, req.Config, req.State, "password_wo"),
		// false is what every platform has.
		"service_account": config.ServiceAccount.ValueBool() && setAndChanged(ctx, req.Config, req.State, "service_account"),
	}, &resp.Diagnostics)
	if v, ok := specValidator[platform.UserValidator](r.data); ok && !resp.Diagnostics.HasError() {
		addFieldErrors(ctx, &resp.Diagnostics, r.data, req.Config, req.State, v.ValidateUser(r.spec(ctx, plan, config, optionalString(config.PasswordWO), &resp.Diagnostics)))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	role := platform.Feature{Kind: platform.KindUser, Field: platform.FieldRole}
	roleChanged := false
	if !r.data.supports(platform.KindUser, platform.FieldRole) {
		roleChanged = !plan.Role.IsNull()
		plan.Role = foldedString{StringValue: types.StringNull()}
	} else if _, derived := r.data.capabilities.ReadOnly[role]; derived && !req.State.Raw.IsNull() && !req.Plan.Raw.Equal(req.State.Raw) {
		// The platform derives the role from other fields, which this update may change.
		plan.Role = foldedString{StringValue: types.StringUnknown()}
		roleChanged = true
	}
	cleared := clearRemoved(ctx, r.data, userPlatformAttrs(), managed, config.Platforms, plan.Platforms, &resp.Diagnostics)
	// A service account created without an email has none: platforms do not invent one.
	noEmail := req.State.Raw.IsNull() && config.Email.IsNull() && plan.Email.IsUnknown()
	if noEmail {
		plan.Email = foldedString{StringValue: types.StringNull()}
	}
	if nullForeignAttributes(r.data, userPlatformAttrs(), plan.Platforms) || roleChanged || inactive || cleared || noEmail {
		resp.Diagnostics.Append(userSplit().set(ctx, &resp.Plan.Raw, &plan)...)
	}
	requireReplacements(ctx, r.data, platform.KindUser, req, resp)
	rejectCreateOnlyChanges(ctx, r.data, platform.KindUser, req, resp)
}

func (r *userResource) spec(ctx context.Context, plan, config userModel, password *string, diags *diag.Diagnostics) platform.UserSpec {
	return platform.UserSpec{
		Email:          plan.Email.ValueString(),
		Name:           plan.Name.ValueString(),
		Role:           optionalString(config.Role.StringValue),
		Active:         optionalBool(plan.Active),
		Password:       password,
		ServiceAccount: plan.ServiceAccount.ValueBool(),
		Extra:          extraFromConfig(ctx, r.data, userPlatformAttrs(), config.Platforms, diags),
	}
}

// requireEmailOfPerson reports a person without an email at plan time; only a service account may lack one.
// A flag not known yet is judged at apply time by the platform.
func requireEmailOfPerson(config, plan userModel, diags *diag.Diagnostics) {
	if !config.Email.IsNull() || plan.ServiceAccount.IsUnknown() || plan.ServiceAccount.ValueBool() {
		return
	}
	diags.AddAttributeError(path.Root("email"), "Missing email",
		"email is required for a person. Only a service account (service_account = true) may have no email.")
}

// toState copies what the platform reported. Right after an import a role the platform derives is
// left null, so that -generate-config-out does not write a value the configuration cannot set; the next
// refresh fills it.
func (r *userResource) toState(ctx context.Context, u platform.User, prior userModel, imported bool, diags *diag.Diagnostics) userModel {
	out := prior
	out.ID = types.StringValue(u.ID)
	out.Email = newFoldedString(u.Email)
	if u.Email == "" {
		// null, not "": an imported service account's generated configuration must pass email's validators.
		out.Email = foldedString{StringValue: types.StringNull()}
	}
	out.ServiceAccount = types.BoolValue(u.ServiceAccount)
	out.Name = types.StringValue(u.Name)
	out.Active = types.BoolValue(u.Active)
	_, derived := r.data.capabilities.ReadOnly[platform.Feature{Kind: platform.KindUser, Field: platform.FieldRole}]
	if r.data.supports(platform.KindUser, platform.FieldRole) && (!imported || !derived) {
		out.Role = newFoldedString(u.Role)
	} else {
		out.Role = foldedString{StringValue: types.StringNull()}
	}
	// Write-only values are never stored.
	out.PasswordWO = types.StringNull()
	out.Platforms = platformObjectsFrom(ctx, r.data, userPlatformAttrs(), u.Extra, out.Platforms, diags)
	return out
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	backend := r.data.users(&resp.Diagnostics)
	var plan, config userModel
	resp.Diagnostics.Append(userSplit().get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(userSplit().get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := r.spec(ctx, plan, config, optionalString(config.PasswordWO), &resp.Diagnostics)
	resp.Diagnostics.Append(recordManaged(ctx, resp.Private, configuredClearables(r.data, userPlatformAttrs(), config.Platforms))...)
	u, err := backend.CreateUser(ctx, spec)
	if u.ID != "" {
		state := r.toState(ctx, u, plan, false, &resp.Diagnostics)
		resp.Diagnostics.Append(userSplit().set(ctx, &resp.State.Raw, &state)...)
	}
	if err != nil {
		if u.ID == "" { // not in state: say how to take the object over if it exists
			err = withImportHint(ctx, err, existing{typeName: "roster_user", what: "user", keyName: "email", keyValue: spec.Email,
				lookup: func(ctx context.Context) (string, error) {
					found, err := backend.FindUserByEmail(ctx, spec.Email)
					return found.ID, err
				}})
		}
		addPlatformError(&resp.Diagnostics, "Cannot create user", err)
	}
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	backend := r.data.users(&resp.Diagnostics)
	var prior userModel
	resp.Diagnostics.Append(userSplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := backend.ReadUser(ctx, prior.ID.ValueString())
	if platform.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot read user", err)
		return
	}
	imported := wasImported(ctx, req.Private)
	state := r.toState(ctx, u, prior, imported, &resp.Diagnostics)
	resp.Diagnostics.Append(userSplit().set(ctx, &resp.State.Raw, &state)...)
	if imported {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	backend := r.data.users(&resp.Diagnostics)
	var plan, config, prior userModel
	resp.Diagnostics.Append(userSplit().get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(userSplit().get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(userSplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var password *string
	if !plan.PasswordWOVersion.Equal(prior.PasswordWOVersion) {
		password = optionalString(config.PasswordWO)
	}
	configured := configuredClearables(r.data, userPlatformAttrs(), config.Platforms)
	clearRemoved(ctx, r.data, userPlatformAttrs(), managedFrom(ctx, req.Private), config.Platforms, config.Platforms, &resp.Diagnostics)
	var u platform.User
	var err error
	if changesOnlyInactiveDrift(ctx, req) {
		u, err = backend.ReadUser(ctx, prior.ID.ValueString())
	} else {
		u, err = backend.UpdateUser(ctx, prior.ID.ValueString(), r.spec(ctx, plan, config, password, &resp.Diagnostics))
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot update user", err)
		return
	}
	state := r.toState(ctx, u, plan, false, &resp.Diagnostics)
	resp.Diagnostics.Append(userSplit().set(ctx, &resp.State.Raw, &state)...)
	resp.Diagnostics.Append(recordManaged(ctx, resp.Private, configured)...)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	backend := r.data.users(&resp.Diagnostics)
	var prior userModel
	resp.Diagnostics.Append(userSplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := backend.DeleteUser(ctx, prior.ID.ValueString()); err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot delete user", err)
	}
}

// ImportState accepts the platform's id or email=<address>.
func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if email, ok := naturalKey(req.ID, "email"); ok {
		backend := r.data.users(&resp.Diagnostics)
		if backend == nil {
			return
		}
		u, err := backend.FindUserByEmail(ctx, email)
		if err != nil {
			addPlatformError(&resp.Diagnostics, "Cannot import user", err)
			return
		}
		id = u.ID
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, importedMarker)...)
}
