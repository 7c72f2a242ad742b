/** The {@code kecs} command line: subcommands, flags, and their environment variables. */
package io.kecs.cli;
