/**
 * The background server on this machine: the KECS home directory (pid file, run file, log), how the
 * server JVM is launched and found again, and how its status and log are read.
 */
package io.kecs.cli.local;
