/**
 * Reading what a task needs from AWS before it starts: the values of task definition {@code
 * secrets} (SSM parameters and Secrets Manager secrets), registry credentials (Secrets Manager) and
 * environment files (S3 objects), from one AWS endpoint. {@link
 * io.kecs.runtime.secrets.SecretReference} and {@link io.kecs.runtime.secrets.EnvFileReference}
 * read what a task definition names, {@link io.kecs.runtime.secrets.SecretSource} fetches it
 * ({@link io.kecs.runtime.secrets.AwsSecretSource} with plain SigV4-signed awsJson calls and S3
 * GETs over the JDK HTTP client). Failures carry ECS's own wording for resources that cannot be
 * retrieved.
 */
package io.kecs.runtime.secrets;
