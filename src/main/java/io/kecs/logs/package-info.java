/**
 * The awslogs log driver: ships what containers print to CloudWatch Logs on the AWS backend, as
 * Docker's awslogs driver does on an ECS instance. {@link io.kecs.logs.AwslogsRuntime} wraps the
 * task runtime: it creates the log group and streams before a task's containers start (failing the
 * task as ECS does when the group is missing), then follows each container's output ({@link
 * io.kecs.runtime.ContainerOutput}), groups lines into events (multiline and datetime patterns),
 * buffers them (blocking or non-blocking) and sends them in PutLogEvents batches, keeping a
 * per-stream position in the store so a KECS restart neither repeats nor loses lines.
 */
package io.kecs.logs;
