// Package sidebyside holds the benchmark of issue 14's acceptance point:
// the same question asked of bare Bleve, of indsigt through its HTTP API
// and of PostgreSQL full-text search, on the same 20,000 notes of real
// Danish sentences, in one run. It has no code of its own outside tests.
package sidebyside
