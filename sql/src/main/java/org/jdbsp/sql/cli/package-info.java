/**
 * The command-line SQL shell behind {@code bin/sql}: {@link org.jdbsp.sql.cli.SqlShell} parses the command line,
 * {@link org.jdbsp.sql.cli.Shell} runs scripts and the interactive prompt on one
 * {@link org.jdbsp.sql.SqlProgram}.
 */
package org.jdbsp.sql.cli;
