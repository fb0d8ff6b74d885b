// Package migrations holds the goose migrations for both dialects, embedded
// into the binary so that serve and migrate need no files on disk.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
