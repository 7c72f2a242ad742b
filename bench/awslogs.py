"""awslogs benchmark driver (see bench/awslogs.sh): boto3 against KECS, which forwards
CloudWatch Logs calls to the backend.

throughput: one container prints N numbered lines at once (blocking mode); lines/s is N over the
time from the task turning RUNNING to GetLogEvents returning the last line.
delay: one container prints a line every 100 ms; each line's delay is when GetLogEvents (polled
every 20 ms) first returned it minus the time it was printed (its event timestamp).
"""
import sys
import time

import boto3

endpoint, lines, ticks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kw = dict(endpoint_url=endpoint, region_name="us-east-1",
          aws_access_key_id="123456789012", aws_secret_access_key="x")
ecs = boto3.client("ecs", **kw)
logs = boto3.client("logs", **kw)
ecs.create_cluster(clusterName="bench")
logs.create_log_group(logGroupName="/bench")


def run(family, env, mode):
    ecs.register_task_definition(
        family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
        cpu="256", memory="512",
        executionRoleArn="arn:aws:iam::123456789012:role/exec",
        containerDefinitions=[{
            "name": "app", "image": "busybox",
            "environment": [{"name": k, "value": v} for k, v in env.items()],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/bench", "awslogs-region": "us-east-1",
                "awslogs-stream-prefix": "b", "mode": mode}}}])
    arn = ecs.run_task(cluster="bench", taskDefinition=family, launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-1"]}}
                       )["tasks"][0]["taskArn"]
    for _ in range(600):
        if ecs.describe_tasks(cluster="bench", tasks=[arn])["tasks"][0]["lastStatus"] == "RUNNING":
            return "b/app/" + arn.rsplit("/", 1)[1], time.time()
        time.sleep(0.01)
    raise SystemExit("task did not run")


# Throughput: 1,000 numbered lines printed N/1,000 times; events are counted by reading the
# stream forward (each poll returns only the events that arrived since the previous one).
repeat = max(1, lines // 1000)
lines = repeat * 1000
stream, started = run("through", {
    "KECS_SIMULATE_OUTPUT": "\n".join("line %d" % i for i in range(1, 1001)),
    "KECS_SIMULATE_OUTPUT_REPEAT": str(repeat)}, "blocking")
count, token = 0, None
deadline = time.time() + 600
while count < lines and time.time() < deadline:
    args = dict(logGroupName="/bench", logStreamName=stream, startFromHead=True)
    if token:
        args["nextToken"] = token
    page = logs.get_log_events(**args)
    count += len(page["events"])
    if not page["events"]:
        time.sleep(0.05)
    token = page["nextForwardToken"]
took = time.time() - started
print("RESULT awslogs_throughput lines=%d shipped=%d seconds=%.2f lines_per_s=%.0f" % (
    lines, count, took, count / took))

# Delay
stream, _ = run("delay", {"KECS_SIMULATE_OUTPUT": "\n".join("tick %d" % i for i in range(ticks)),
                          "KECS_SIMULATE_OUTPUT_INTERVAL_MS": "100"}, "non-blocking")
seen = {}
deadline = time.time() + ticks * 0.1 + 30
while len(seen) < ticks and time.time() < deadline:
    now = time.time()
    for e in logs.get_log_events(logGroupName="/bench", logStreamName=stream,
                                 startFromHead=True)["events"]:
        seen.setdefault(e["message"], now - e["timestamp"] / 1000.0)
    time.sleep(0.02)
d = sorted(seen.values())
print("RESULT awslogs_delay lines=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f" % (
    len(d), 1000 * d[len(d) // 2], 1000 * d[min(len(d) - 1, int(len(d) * 0.99))], 1000 * d[-1]))
