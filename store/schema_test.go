package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"indsigt/store"
	"indsigt/store/storetest"
)

// schemaShape is what both dialects' migrations must agree on: per table,
// its columns (name, type family, nullability), indexes (columns and
// uniqueness) and foreign keys.
type schemaShape map[string][]string

// TestMigrationsInStep applies both dialects' migrations and compares the
// schemas they produce, so that a column added to one file only fails here
// rather than on a customer's PostgreSQL.
func TestMigrationsInStep(t *testing.T) {
	if len(storetest.Dialects()) < 2 {
		t.Skipf("%s is not set: the PostgreSQL schema cannot be compared", storetest.EnvURL)
	}
	lite, pg := sqliteShape(t), postgresShape(t)
	if len(lite) < 20 {
		t.Fatalf("SQLite schema has only %d tables", len(lite))
	}
	t.Logf("%d tables; notes: %s", len(lite), strings.Join(lite["notes"], "; "))
	for _, table := range union(lite, pg) {
		a, b := lite[table], pg[table]
		if strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("table %s differs:\n sqlite:   %s\n postgres: %s", table, strings.Join(a, "; "), strings.Join(b, "; "))
		}
	}
}

func union(a, b schemaShape) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// family folds each dialect's type names into one family.
func family(typ string) string {
	t := strings.ToLower(typ)
	switch {
	case strings.Contains(t, "int"), t == "boolean", strings.Contains(t, "serial"):
		return "int" // SQLite has no boolean: 0/1 in an INTEGER
	case strings.Contains(t, "char"), t == "text":
		return "text"
	case strings.Contains(t, "timestamp"), t == "date":
		return "time"
	case t == "real", strings.Contains(t, "double"), t == "numeric":
		return "real"
	case t == "blob", t == "bytea":
		return "bytes"
	}
	return "?" + t
}

func migrated(t *testing.T, dsn string) {
	t.Helper()
	dir := t.TempDir()
	s, err := store.Open(context.Background(), dsn, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func sqliteShape(t *testing.T) schemaShape {
	dir := t.TempDir()
	s, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", filepath.Join(dir, "indsigt.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := strings.Fields(queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'goose_db_version'`))
	shape := schemaShape{}
	for _, table := range tables {
		var out []string
		rows := queryRows(t, db, fmt.Sprintf(`SELECT name, type, "notnull", pk FROM pragma_table_info('%s')`, table))
		for _, r := range rows {
			// A primary key is NOT NULL in PostgreSQL even when SQLite does not say so.
			nullable := r[2] == "0" && r[3] == "0"
			out = append(out, column(r[0], r[1], nullable))
		}
		for _, r := range queryRows(t, db, fmt.Sprintf(`SELECT name, "unique", origin FROM pragma_index_list('%s')`, table)) {
			if r[2] == "pk" {
				continue
			}
			cols := queryStrings(t, db, fmt.Sprintf(`SELECT name FROM pragma_index_info('%s') ORDER BY seqno`, r[0]))
			out = append(out, index(strings.Fields(cols), r[1] == "1"))
		}
		for _, r := range queryRows(t, db, fmt.Sprintf(`SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list('%s')`, table)) {
			out = append(out, foreignKey(r[0], r[1], r[2], r[3]))
		}
		sort.Strings(out)
		shape[table] = out
	}
	return shape
}

func postgresShape(t *testing.T) schemaShape {
	dsn := storetest.NewSchema(t)
	migrated(t, dsn)
	u, _ := url.Parse(dsn)
	schema := u.Query().Get("search_path")
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	shape := schemaShape{}
	for _, r := range queryRows(t, db, `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
		WHERE table_schema = $1 AND table_name != 'goose_db_version'`, schema) {
		shape[r[0]] = append(shape[r[0]], column(r[1], r[2], r[3] == "YES"))
	}
	for _, r := range queryRows(t, db, `SELECT t.relname, ix.indisunique, array_to_string(array_agg(a.attname ORDER BY k.n), ' ')
		FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
		CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE ns.nspname = $1 AND NOT ix.indisprimary AND t.relname != 'goose_db_version'
		GROUP BY t.relname, ix.indexrelid, ix.indisunique`, schema) {
		shape[r[0]] = append(shape[r[0]], index(strings.Fields(r[2]), r[1] == "true"))
	}
	for _, r := range queryRows(t, db, `SELECT tc.table_name, kcu.column_name, ccu.table_name, ccu.column_name, rc.delete_rule
		FROM information_schema.table_constraints tc
		JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.constraint_schema = tc.constraint_schema
		JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
		JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.constraint_schema
		WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = $1`, schema) {
		shape[r[0]] = append(shape[r[0]], foreignKey(r[1], r[2], r[3], r[4]))
	}
	for k := range shape {
		sort.Strings(shape[k])
	}
	return shape
}

func column(name, typ string, nullable bool) string {
	null := "not null"
	if nullable {
		null = "null"
	}
	return fmt.Sprintf("column %s %s %s", name, family(typ), null)
}

func index(cols []string, unique bool) string {
	if unique {
		return "unique index (" + strings.Join(cols, ",") + ")"
	}
	return "index (" + strings.Join(cols, ",") + ")"
}

func foreignKey(from, table, to, onDelete string) string {
	return fmt.Sprintf("fk %s → %s(%s) on delete %s", from, table, to, strings.ToLower(onDelete))
}

func queryRows(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func queryStrings(t *testing.T, db *sql.DB, q string) string {
	var parts []string
	for _, r := range queryRows(t, db, q) {
		parts = append(parts, r[0])
	}
	return strings.Join(parts, " ")
}
