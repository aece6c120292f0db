package platform

// Name identifies a platform, exactly as users write it in the provider's `platform` argument.
type Name string
