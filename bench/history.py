#!/usr/bin/env python3
"""UpdateService (forceNewDeployment) on one service at a steady rate for a while; every sample
period prints the service's listed deployments and the server's heap after a full GC, so a run
shows whether deployment history (and memory) stays flat. Used by bench/history.sh."""
import http.client
import json
import subprocess
import sys
import time
from urllib.parse import urlparse

url, pid, jcmd = sys.argv[1], sys.argv[2], sys.argv[3]
minutes, rate, sample = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
desired = int(sys.argv[7]) if len(sys.argv) > 7 else 0
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


def heap_mb():
    subprocess.run([jcmd, pid, "GC.run"], capture_output=True, check=True)
    info = subprocess.run([jcmd, pid, "GC.heap_info"], capture_output=True, text=True).stdout
    used = 0
    for line in info.splitlines():
        parts = line.split()
        if parts and parts[0] in ("def", "DefNew", "tenured", "Tenured") and "used" in parts:
            used += int(parts[parts.index("used") + 1].rstrip("K,"))
    return used / 1024


def listed():
    n, token = 0, None
    while True:
        body = {"cluster": "hist", "service": "busy", "maxResults": 100}
        if token:
            body["nextToken"] = token
        page = call("ListServiceDeployments", body)
        n += len(page.get("serviceDeployments", []))
        token = page.get("nextToken")
        if not token:
            return n


call("CreateCluster", {"clusterName": "hist"})
call("RegisterTaskDefinition", {
    "family": "hist", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "app", "image": "nginx"}]})
call("CreateService", {
    "cluster": "hist", "serviceName": "busy", "taskDefinition": "hist", "desiredCount": desired,
    "launchType": "FARGATE",
    "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}})
start = time.time()
updates = 0
next_sample = 0.0
while True:
    elapsed = time.time() - start
    if elapsed >= next_sample:
        print(f"RESULT t={elapsed / 60:.1f}min updates={updates} listed_deployments={listed()} "
              f"heap_after_gc_mb={heap_mb():.1f}", flush=True)
        next_sample += sample
    if elapsed >= minutes * 60:
        break
    call("UpdateService", {"cluster": "hist", "service": "busy", "forceNewDeployment": True})
    updates += 1
    time.sleep(max(0.0, start + updates / rate - time.time()))
