package authentik

// LoginName implements platform.Usernamed, so that list filters can match the username.
func (e UserExtra) LoginName() string { return e.Username }
