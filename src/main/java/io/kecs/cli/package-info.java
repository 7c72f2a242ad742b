/**
 * The {@code kecs} command line: {@code server} (foreground), {@code start/stop/status/logs}
 * (background server), {@code cluster} (local k3d clusters). Settings come from flags, {@code
 * KECS_*} environment variables and a config file ({@code ServerDefaults}); output is text for
 * people, {@code --output json} for data, {@code --quiet} for scripts. Mechanics live in the
 * subpackages: {@code local} (pid, run and log files, launching) and {@code cluster} (k3d).
 */
package io.kecs.cli;
