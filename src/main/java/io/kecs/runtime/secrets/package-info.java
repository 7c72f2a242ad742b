/**
 * Reading the values of task definition {@code secrets} (SSM parameters and Secrets Manager
 * secrets) from an AWS endpoint: {@link io.kecs.runtime.secrets.SecretReference} reads what a
 * {@code valueFrom} names, {@link io.kecs.runtime.secrets.SecretSource} fetches it ({@link
 * io.kecs.runtime.secrets.AwsSecretSource} with plain signed awsJson calls over the JDK HTTP
 * client). Failures carry ECS's own wording for secrets that cannot be retrieved.
 */
package io.kecs.runtime.secrets;
