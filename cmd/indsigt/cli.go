package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"indsigt/store"
)

// Exit codes of the command-line contract.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// errUsage marks mistakes in how a command was called (exit code 2).
var errUsage = errors.New("usage")

// config is the configuration table: flags override the environment.
type config struct {
	dataDir     string
	databaseURL string
	addr        string
	baseURL     string
}

func (c *config) bind(fs *flag.FlagSet) {
	fs.StringVar(&c.dataDir, "data", envOr("INDSIGT_DATA_DIR", "./indsigt-data"), "data directory (embedded database and search index)")
	fs.StringVar(&c.databaseURL, "database", os.Getenv("INDSIGT_DATABASE_URL"), "postgres://… URL; empty means embedded SQLite in the data directory")
	fs.StringVar(&c.addr, "addr", envOr("INDSIGT_ADDR", "127.0.0.1:8080"), "listen address")
	fs.StringVar(&c.baseURL, "base-url", os.Getenv("INDSIGT_BASE_URL"), "public URL (default derived from --addr)")
}

// flags is the flag set of the command name, with the store's flags bound to c.
func (c *config) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	c.bind(fs)
	return fs
}

func (c *config) publicURL() string {
	if c.baseURL != "" {
		return strings.TrimRight(c.baseURL, "/")
	}
	host := c.addr
	if strings.HasPrefix(host, ":") || strings.HasPrefix(host, "0.0.0.0:") {
		host = "localhost:" + host[strings.LastIndex(host, ":")+1:]
	}
	return "http://" + host
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type command struct {
	name, usage string
	run         func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve [--demo]                 run the web app and API", cmdServe},
		{"migrate", "migrate                        apply database migrations", cmdMigrate},
		{"user", "user add --email E --name N --role admin|designer|lead|analyst [--password-stdin] | password|disable|enable|delete --email E | list", cmdUsers},
		{"token", "token create --email E [--name LABEL] [--scope read|write] [--expires-days N]   print a new API token | list [--email E] | revoke --id N", cmdTokens},
		{"project", "project create --slug S --name N [--purpose TEXT] [--retention-days D]", cmdProject},
		{"ingest", "ingest --project S [--kind K] [--text-column C] [--participant-column C] [--date-column C] [--sheet S] [--json] PATH...   files or folders", cmdIngest},
		{"search", "search --project S [--json] [--limit N] QUERY", cmdSearch},
		{"reindex", "reindex [--project S]           rebuild the search index from the database", cmdReindex},
		{"export", "export --project S --format csv|xlsx|json|html|insights-html|insights-json|qdpx [--out FILE]", cmdExport},
		{"import-qdpx", "import-qdpx --project S [--json] FILE   import a REFI-QDA project (.qdpx) into a project", cmdImportQDPX},
		{"member", "member add|remove|role --project S --email E [--role R]   give, end or change a user's access to a project", cmdMember},
		{"demo", "demo                           load the demo data set into the configured store", cmdDemo},
		{"erase", "erase --project S --participant CODE|--source ID|--note ID   erase personal data for good", cmdErase},
		{"retention", "retention [--dry-run] [--json]  list, then erase, sources past their project's retention", cmdRetention},
		{"backup", "backup --out FILE              a consistent copy of the embedded database, while serving", cmdBackup},
		{"restore", "restore --from FILE            put a backup in place (server stopped); the index is rebuilt", cmdRestore},
	}
}

func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "indsigt %s: %v\nusage: indsigt %s\n", c.name, err, c.usage)
			return exitUsage
		case errors.Is(err, errReported):
			return exitFail
		default:
			fmt.Fprintf(e.stderr, "indsigt %s: %v\n", c.name, err)
			return exitFail
		}
	}
	fmt.Fprintf(e.stderr, "indsigt: unknown command %q\n", args[0])
	printUsage(e.stderr)
	return exitUsage
}

// errReported means the command already told the user what failed.
var errReported = errors.New("failed")

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "indsigt: a design-thinking insight repository\n\nusage:")
	for _, c := range commands() {
		fmt.Fprintln(w, "  indsigt", c.usage)
	}
	fmt.Fprintln(w, "\nEvery command takes --data DIR and --database URL (or INDSIGT_DATA_DIR, INDSIGT_DATABASE_URL).")
}

// parseFlags parses a command's flags; mistakes become usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// openStore opens and migrates the configured store.
func openStore(ctx context.Context, c *config) (*store.Store, error) {
	timeouts, err := dbTimeouts()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, c.databaseURL, c.dataDir, store.WithTimeouts(timeouts))
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := sealKeys(ctx, c, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// withStore opens the configured store, runs fn on it and closes it.
func withStore(ctx context.Context, c *config, fn func(*store.Store) error) error {
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

// sealKeys gives the store the installation key, checks that it is the
// key the database was sealed with, and seals rows written before.
func sealKeys(ctx context.Context, c *config, s *store.Store) error {
	key, err := installationKey(c, os.Stderr)
	if err != nil {
		return err
	}
	if err := s.UseKey(key); err != nil {
		return err
	}
	if err := s.CheckKey(ctx); err != nil {
		if errors.Is(err, store.ErrOtherKey) {
			return fmt.Errorf("this database was sealed with another installation key: set INDSIGT_KEY_FILE to the key file the first server created (see README, Privacy)")
		}
		return err
	}
	_, err = s.SealKeys(ctx)
	return err
}

// printJSON writes v as indented JSON, as the API gives it.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// readPassword reads a password from the first line of r.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
