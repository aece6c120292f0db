// Package platform is the contract between the Terraform glue (internal/provider) and the per-platform API
// clients (internal/platform/<name>). It holds the Backend interface, the neutral Group/User/APIKey types,
// the typed errors every client maps its HTTP failures onto, the fields those errors and the capability rows
// point at (Field), and the descriptors.
//
// Nothing here knows about Terraform, and nothing here knows about a specific platform's wire format: a Field
// has a neutral name, and only internal/provider says which attribute it is.
package platform
