#!/usr/bin/env python3
"""Writes the required members of every shape of an AWS service model as a classpath resource.

The AWS SDK for Java v2 model classes do not carry which members are required, so the codec reads
this list. Rerun when the SDK version changes:
  scripts/extract-required-members.py ../shared/aws-models/ecs/service-2.json \
      software.amazon.awssdk.services.ecs.model
  scripts/extract-required-members.py ../shared/aws-models/elbv2/service-2.json \
      software.amazon.awssdk.services.elasticloadbalancingv2.model
"""
import json
import sys

model_path, package = sys.argv[1], sys.argv[2]
model = json.load(open(model_path))
shapes = model["shapes"]
# The SDK names an operation's input shape <Operation>Request whatever the model calls it (ELBv2:
# CreateLoadBalancerInput), and spells acronyms in camel case (DescribeSSLPolicies -> ...Ssl...).
sdk_names = {}
for op_name, op in model["operations"].items():
    if "input" in op:
        sdk_names[op["input"]["shape"]] = op_name.replace("SSL", "Ssl") + "Request"
out = f"src/main/resources/aws/required/{package}.txt"
with open(out, "w") as f:
    f.write(f"# Required members per shape, from {model_path.split('/')[-2]}/service-2.json\n")
    for name in sorted(shapes):
        required = shapes[name].get("required")
        if required and shapes[name].get("type") == "structure" and not shapes[name].get("exception"):
            f.write(sdk_names.get(name, name) + " " + " ".join(required) + "\n")
print("wrote", out)
