package main

import (
	"context"
	"fmt"
	"strings"
)

// subcommand is one verb of a command that has verbs (user add, token
// list, member role …).
type subcommand struct {
	name string
	run  func(ctx context.Context, e env, args []string) error
}

// runSubcommand runs the verb args[0] names with the rest of args; any
// other is a usage error that lists the verbs.
func runSubcommand(ctx context.Context, e env, args []string, subs ...subcommand) error {
	if len(args) > 0 {
		for _, s := range subs {
			if s.name == args[0] {
				return s.run(ctx, e, args[1:])
			}
		}
	}
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.name
	}
	list := names[len(names)-1]
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " or " + list
	}
	return fmt.Errorf("%w: expected the subcommand %s", errUsage, list)
}

// withVerb passes the verb on to a body that serves several.
func withVerb(verb string, run func(ctx context.Context, e env, verb string, args []string) error) subcommand {
	return subcommand{verb, func(ctx context.Context, e env, args []string) error { return run(ctx, e, verb, args) }}
}
