# Sourced by tests/e2e_sdk_clients.rs: each real AWS client prints the ARN it
# is running as, one per line, prefixed with its name. Credentials come from
# wherever the sink under test put them (environment, endpoint, files).
set -u
printf 'aws-cli '
aws sts get-caller-identity --query Arn --output text 2>&1 | tr '\n' ' '
echo
printf 'botocore '
"$ORACLE_PYTHON" -c '
import botocore.session
s = botocore.session.get_session()
print(s.create_client("sts").get_caller_identity()["Arn"])
' 2>&1 | tail -n 1
printf 'boto3 '
"$ORACLE_PYTHON" -c '
import boto3
print(boto3.client("sts").get_caller_identity()["Arn"])
' 2>&1 | tail -n 1
printf 'js-sdk-v3 '
node -e '
const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
new STSClient({}).send(new GetCallerIdentityCommand({}))
  .then((r) => console.log(r.Arn), (e) => console.log("error: " + e.message));
' 2>&1 | tail -n 1
