package auth

// FlowStateForTest opens a flow cookie and returns its state, for tests
// that play an attacker who knows their own flow.
func FlowStateForTest(o *OIDC, cookie string) (string, bool) {
	f, err := o.open(cookie)
	return f.State, err == nil
}
