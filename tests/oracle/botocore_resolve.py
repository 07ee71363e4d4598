"""How botocore (the AWS CLI's engine) resolves profiles, for the differential
test tests/e2e_diff_botocore.rs.

Reads one JSON object per line on stdin: {"config": PATH, "credentials": PATH,
"profiles": [NAME, ...]}. Writes one JSON object per line: for each profile,
either {"error": TEXT} or {"calls": [...], "key": KEY, "region": REGION}.
STS is never called: botocore's client factory is replaced by a recorder that
notes each call (action, role, session name, external id, duration, and the
access key that would sign it) and answers with fresh fake keys, so a chain is
seen hop by hop exactly as botocore would make it.
"""

import itertools
import json
import sys
from datetime import datetime, timedelta, timezone

import botocore.credentials
import botocore.exceptions
import botocore.session

FAKE = "ASIAFAKEBOTOCORE"
counter = itertools.count(1)


class Recorder:
    def __init__(self, calls, access_key):
        self.calls, self.access_key = calls, access_key

    def _answer(self):
        key = "%s%04d" % (FAKE, next(counter))
        expires = datetime.now(timezone.utc) + timedelta(hours=1)
        return {
            "Credentials": {
                "AccessKeyId": key,
                "SecretAccessKey": "fake",
                "SessionToken": "fake",
                "Expiration": expires,
            }
        }

    def _record(self, action, kw):
        session = kw.get("RoleSessionName", "")
        self.calls.append(
            {
                "action": action,
                "role_arn": kw.get("RoleArn"),
                # botocore's default name carries a timestamp: the default is
                # what matters, not its text.
                "session_name": None if session.startswith("botocore-session-") else session,
                "external_id": kw.get("ExternalId"),
                "duration": kw.get("DurationSeconds"),
                "signed_by": self.access_key,
            }
        )
        return self._answer()

    def assume_role(self, **kw):
        return self._record("AssumeRole", kw)

    def assume_role_with_web_identity(self, **kw):
        return self._record("AssumeRoleWithWebIdentity", kw)


def resolve(config, credentials, profile):
    session = botocore.session.Session(profile=profile)
    session.set_config_variable("config_file", config)
    session.set_config_variable("credentials_file", credentials)
    calls = []

    def create_client(service, **kw):
        return Recorder(calls, kw.get("aws_access_key_id"))

    session.create_client = create_client
    try:
        resolver = botocore.credentials.create_credential_resolver(session)
        creds = resolver.load_credentials()
        if creds is None:
            return {"error": "no credentials"}
        frozen = creds.get_frozen_credentials()
        region = session.get_config_variable("region")
    except (botocore.exceptions.BotoCoreError, ValueError, KeyError) as e:
        return {"error": "%s: %s" % (type(e).__name__, e)}
    return {"calls": calls, "key": frozen.access_key, "region": region}


def main():
    for line in sys.stdin:
        case = json.loads(line)
        out = {
            p: resolve(case["config"], case["credentials"], p) for p in case["profiles"]
        }
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
