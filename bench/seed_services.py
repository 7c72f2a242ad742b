#!/usr/bin/env python3
"""Seeds the lifecycle benchmark: a cluster 'bench', a Fargate task definition 'bench', N services
of M tasks each, and waits until every task is RUNNING. Writes a DescribeTasks body with 100 task
ARNs and a ListTasks page token for the benchmark to replay."""
import http.client
import json
import sys
import time
from urllib.parse import urlparse

url, services, per_service = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
u = urlparse(url)
conn = http.client.HTTPConnection(u.hostname, u.port)


def call(action, body):
    conn.request("POST", "/", json.dumps(body), {
        "X-Amz-Target": "AmazonEC2ContainerServiceV20141113." + action,
        "Content-Type": "application/x-amz-json-1.1"})
    r = conn.getresponse()
    data = json.loads(r.read() or b"{}")
    if r.status != 200:
        raise SystemExit(f"{action} failed: {r.status} {data}")
    return data


call("CreateCluster", {"clusterName": "bench"})
call("RegisterTaskDefinition", {
    "family": "bench", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    "cpu": "256", "memory": "512",
    "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "portMappings": [{"containerPort": 80}]}]})
start = time.time()
for i in range(services):
    call("CreateService", {
        "cluster": "bench", "serviceName": f"svc-{i}", "taskDefinition": "bench",
        "desiredCount": per_service, "launchType": "FARGATE",
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}})
print(f"RESULT create_services={services} seconds={time.time() - start:.1f}")
want = services * per_service
while True:
    c = call("DescribeClusters", {"clusters": ["bench"]})["clusters"][0]
    if c["runningTasksCount"] >= want:
        break
    time.sleep(0.5)
print(f"RESULT tasks_running={c['runningTasksCount']} seconds_since_first_service={time.time() - start:.1f}")
page = call("ListTasks", {"cluster": "bench", "maxResults": 100})
with open("/tmp/kecs-bench-describe.json", "w") as f:
    json.dump({"cluster": "bench", "tasks": page["taskArns"]}, f)
with open("/tmp/kecs-bench-token.txt", "w") as f:
    f.write(page.get("nextToken", ""))
