/** `tributary --help`; the commands are listed in cli/main.ts and documented in docs/cli.md. */
export const USAGE = `Usage: tributary <command> [options]

Commands:
  lint FILE [--json]              lint a tributary.stream/1 file; exit 1 when it has errors
  compile FILE                    print the compiled stream (tributary.compiled/1) with its content hash
  simulate FILE [--attributes JSON] [--agents-available]
                                  run the stream; visitor replies are read from stdin, one per line,
                                  and one JSON event is printed per line
  route-sim FILE [--explain]      run the live-chat routing engine on a scenario, one decision per line

Exit codes: 0 ok, 1 lint errors, 2 bad input (unreadable file, not JSON, invalid document or options).
See docs/cli.md.
`;
