#compdef roleshift

autoload -U is-at-least

_roleshift() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_roleshift_commands" \
"*::: :->roleshift" \
&& ret=0
    case $state in
    (roleshift)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-command-$line[1]:"
        case $line[1] in
            (export)
_arguments "${_arguments_options[@]}" : \
'--role-arn=[The role to assume; with a profile target it overrides \`role_arn\`]:ARN:_default' \
'--source-profile=[The profile whose credentials assume an ad-hoc role]:PROFILE:_roleshift_profiles' \
'--session-name=[RoleSessionName (default roleshift-<user>-<unix time>)]:NAME:_default' \
'--duration=[Session length\: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)]:D:_default' \
'--external-id=[ExternalId for the role'\''s trust policy (profile key external_id)]:ID:_default' \
'--mfa-serial=[MFA device ARN (profile key mfa_serial)]:ARN:_default' \
'--mfa-code=[The current MFA code (else mfa_process, else a prompt on the terminal)]:CODE:_default' \
'*--policy-arn=[A managed policy ARN that limits the session (repeatable)]:ARN:_default' \
'--policy=[A JSON policy document file that limits the session]:FILE:_files' \
'*--tag=[A session tag K=V (repeatable)]:K=V:_default' \
'*--transitive-tag=[A tag key that passes on to chained sessions (repeatable)]:K:_default' \
'--source-identity=[SourceIdentity for the session]:S:_default' \
'(--web-identity-token-file)--web-identity-token=[\`-\`\: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused\: argv is visible to every local user)]:-:_default' \
'--web-identity-token-file=[A file holding the OIDC token for AssumeRoleWithWebIdentity]:FILE:_files' \
'--provider-id=[ProviderId for OAuth 2.0 identity providers]:ID:_default' \
'(--web-identity-token --web-identity-token-file --source-profile --session-name --external-id --mfa-serial --mfa-code)--saml-assertion=[A SAML assertion for AssumeRoleWithSAML\: FILE, \`-\` (stdin) or file\://PATH, holding the base64 SAMLResponse or its XML]:FILE:_default' \
'--principal-arn=[The identity provider of the role to pick from the assertion (with --role-arn)]:ARN:_default' \
'--region=[STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)]:R:_default' \
'--endpoint-url=[STS endpoint, e.g. a local STS for testing]:URL:_default' \
'--min-ttl=[Renew cached sessions with less time left than this (default 10m)]:D:_default' \
'--format=[Output format (default\: the shell detected from \$ROLESHIFT_SHELL, the parent process, \$SHELL)]:F:(bash zsh fish powershell nu dotenv json credential-process)' \
'--shell=[Output format (default\: the shell detected from \$ROLESHIFT_SHELL, the parent process, \$SHELL)]:F:(bash zsh fish powershell nu dotenv json credential-process)' \
'(--refresh)--no-cache[Neither read nor write the credential cache]' \
'--refresh[Start a new session even if one is cached, and cache it]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or a role ARN (default\: the active session $ROLESHIFT_PROFILE, else $AWS_PROFILE, else `default`):_roleshift_profiles' \
&& ret=0
;;
(unset)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format (default\: detected as for export)]:F:(bash zsh fish powershell nu json)' \
'--shell=[Output format (default\: detected as for export)]:F:(bash zsh fish powershell nu json)' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
'--role-arn=[The role to assume; with a profile target it overrides \`role_arn\`]:ARN:_default' \
'--source-profile=[The profile whose credentials assume an ad-hoc role]:PROFILE:_roleshift_profiles' \
'--session-name=[RoleSessionName (default roleshift-<user>-<unix time>)]:NAME:_default' \
'--duration=[Session length\: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)]:D:_default' \
'--external-id=[ExternalId for the role'\''s trust policy (profile key external_id)]:ID:_default' \
'--mfa-serial=[MFA device ARN (profile key mfa_serial)]:ARN:_default' \
'--mfa-code=[The current MFA code (else mfa_process, else a prompt on the terminal)]:CODE:_default' \
'*--policy-arn=[A managed policy ARN that limits the session (repeatable)]:ARN:_default' \
'--policy=[A JSON policy document file that limits the session]:FILE:_files' \
'*--tag=[A session tag K=V (repeatable)]:K=V:_default' \
'*--transitive-tag=[A tag key that passes on to chained sessions (repeatable)]:K:_default' \
'--source-identity=[SourceIdentity for the session]:S:_default' \
'(--web-identity-token-file)--web-identity-token=[\`-\`\: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused\: argv is visible to every local user)]:-:_default' \
'--web-identity-token-file=[A file holding the OIDC token for AssumeRoleWithWebIdentity]:FILE:_files' \
'--provider-id=[ProviderId for OAuth 2.0 identity providers]:ID:_default' \
'(--web-identity-token --web-identity-token-file --source-profile --session-name --external-id --mfa-serial --mfa-code)--saml-assertion=[A SAML assertion for AssumeRoleWithSAML\: FILE, \`-\` (stdin) or file\://PATH, holding the base64 SAMLResponse or its XML]:FILE:_default' \
'--principal-arn=[The identity provider of the role to pick from the assertion (with --role-arn)]:ARN:_default' \
'--region=[STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)]:R:_default' \
'--endpoint-url=[STS endpoint, e.g. a local STS for testing]:URL:_default' \
'--min-ttl=[Renew cached sessions with less time left than this (default 10m)]:D:_default' \
'(--server --saml-assertion --web-identity-token --web-identity-token-file)--each=[Run CMD once per profile whose name matches GLOB (\`*\`, \`?\`, \`\[..\]\`), concurrently, each output line prefixed with the profile name]:GLOB:_default' \
'--parallel=[With --each\: at most N runs at a time (default\: the number of CPUs, at least 4)]:N:_default' \
'(--refresh)--no-cache[Neither read nor write the credential cache]' \
'--refresh[Start a new session even if one is cached, and cache it]' \
'--server[Serve the credentials from a loopback endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of static keys, and renew them while CMD runs]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or a role ARN (default\: the active session $ROLESHIFT_PROFILE, else $AWS_PROFILE, else `default`):_roleshift_profiles' \
'*::command -- The command and its arguments (default\: $SHELL):_normal' \
&& ret=0
;;
(credential-process)
_arguments "${_arguments_options[@]}" : \
'--role-arn=[The role to assume; with a profile target it overrides \`role_arn\`]:ARN:_default' \
'--source-profile=[The profile whose credentials assume an ad-hoc role]:PROFILE:_roleshift_profiles' \
'--session-name=[RoleSessionName (default roleshift-<user>-<unix time>)]:NAME:_default' \
'--duration=[Session length\: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)]:D:_default' \
'--external-id=[ExternalId for the role'\''s trust policy (profile key external_id)]:ID:_default' \
'--mfa-serial=[MFA device ARN (profile key mfa_serial)]:ARN:_default' \
'--mfa-code=[The current MFA code (else mfa_process, else a prompt on the terminal)]:CODE:_default' \
'*--policy-arn=[A managed policy ARN that limits the session (repeatable)]:ARN:_default' \
'--policy=[A JSON policy document file that limits the session]:FILE:_files' \
'*--tag=[A session tag K=V (repeatable)]:K=V:_default' \
'*--transitive-tag=[A tag key that passes on to chained sessions (repeatable)]:K:_default' \
'--source-identity=[SourceIdentity for the session]:S:_default' \
'(--web-identity-token-file)--web-identity-token=[\`-\`\: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused\: argv is visible to every local user)]:-:_default' \
'--web-identity-token-file=[A file holding the OIDC token for AssumeRoleWithWebIdentity]:FILE:_files' \
'--provider-id=[ProviderId for OAuth 2.0 identity providers]:ID:_default' \
'(--web-identity-token --web-identity-token-file --source-profile --session-name --external-id --mfa-serial --mfa-code)--saml-assertion=[A SAML assertion for AssumeRoleWithSAML\: FILE, \`-\` (stdin) or file\://PATH, holding the base64 SAMLResponse or its XML]:FILE:_default' \
'--principal-arn=[The identity provider of the role to pick from the assertion (with --role-arn)]:ARN:_default' \
'--region=[STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)]:R:_default' \
'--endpoint-url=[STS endpoint, e.g. a local STS for testing]:URL:_default' \
'--min-ttl=[Renew cached sessions with less time left than this (default 10m)]:D:_default' \
'(--refresh)--no-cache[Neither read nor write the credential cache]' \
'--refresh[Start a new session even if one is cached, and cache it]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or a role ARN (default\: the active session $ROLESHIFT_PROFILE, else $AWS_PROFILE, else `default`):_roleshift_profiles' \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
'--role-arn=[The role to assume; with a profile target it overrides \`role_arn\`]:ARN:_default' \
'--source-profile=[The profile whose credentials assume an ad-hoc role]:PROFILE:_roleshift_profiles' \
'--session-name=[RoleSessionName (default roleshift-<user>-<unix time>)]:NAME:_default' \
'--duration=[Session length\: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)]:D:_default' \
'--external-id=[ExternalId for the role'\''s trust policy (profile key external_id)]:ID:_default' \
'--mfa-serial=[MFA device ARN (profile key mfa_serial)]:ARN:_default' \
'--mfa-code=[The current MFA code (else mfa_process, else a prompt on the terminal)]:CODE:_default' \
'*--policy-arn=[A managed policy ARN that limits the session (repeatable)]:ARN:_default' \
'--policy=[A JSON policy document file that limits the session]:FILE:_files' \
'*--tag=[A session tag K=V (repeatable)]:K=V:_default' \
'*--transitive-tag=[A tag key that passes on to chained sessions (repeatable)]:K:_default' \
'--source-identity=[SourceIdentity for the session]:S:_default' \
'(--web-identity-token-file)--web-identity-token=[\`-\`\: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused\: argv is visible to every local user)]:-:_default' \
'--web-identity-token-file=[A file holding the OIDC token for AssumeRoleWithWebIdentity]:FILE:_files' \
'--provider-id=[ProviderId for OAuth 2.0 identity providers]:ID:_default' \
'(--web-identity-token --web-identity-token-file --source-profile --session-name --external-id --mfa-serial --mfa-code)--saml-assertion=[A SAML assertion for AssumeRoleWithSAML\: FILE, \`-\` (stdin) or file\://PATH, holding the base64 SAMLResponse or its XML]:FILE:_default' \
'--principal-arn=[The identity provider of the role to pick from the assertion (with --role-arn)]:ARN:_default' \
'--region=[STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)]:R:_default' \
'--endpoint-url=[STS endpoint, e.g. a local STS for testing]:URL:_default' \
'--min-ttl=[Renew cached sessions with less time left than this (default 10m)]:D:_default' \
'--as=[The profile to write\: \[NAME\] in the credentials file]:NAME:_default' \
'(--refresh)--no-cache[Neither read nor write the credential cache]' \
'--refresh[Start a new session even if one is cached, and cache it]' \
'--force[Overwrite a section that roleshift did not write]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or a role ARN (default\: the active session $ROLESHIFT_PROFILE, else $AWS_PROFILE, else `default`):_roleshift_profiles' \
&& ret=0
;;
(saml-roles)
_arguments "${_arguments_options[@]}" : \
'--json[Print JSON]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':assertion -- The assertion\: FILE, `-` (stdin) or file\://PATH, base64 or XML:_default' \
&& ret=0
;;
(whoami)
_arguments "${_arguments_options[@]}" : \
'--role-arn=[The role to assume; with a profile target it overrides \`role_arn\`]:ARN:_default' \
'--source-profile=[The profile whose credentials assume an ad-hoc role]:PROFILE:_roleshift_profiles' \
'--session-name=[RoleSessionName (default roleshift-<user>-<unix time>)]:NAME:_default' \
'--duration=[Session length\: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)]:D:_default' \
'--external-id=[ExternalId for the role'\''s trust policy (profile key external_id)]:ID:_default' \
'--mfa-serial=[MFA device ARN (profile key mfa_serial)]:ARN:_default' \
'--mfa-code=[The current MFA code (else mfa_process, else a prompt on the terminal)]:CODE:_default' \
'*--policy-arn=[A managed policy ARN that limits the session (repeatable)]:ARN:_default' \
'--policy=[A JSON policy document file that limits the session]:FILE:_files' \
'*--tag=[A session tag K=V (repeatable)]:K=V:_default' \
'*--transitive-tag=[A tag key that passes on to chained sessions (repeatable)]:K:_default' \
'--source-identity=[SourceIdentity for the session]:S:_default' \
'(--web-identity-token-file)--web-identity-token=[\`-\`\: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused\: argv is visible to every local user)]:-:_default' \
'--web-identity-token-file=[A file holding the OIDC token for AssumeRoleWithWebIdentity]:FILE:_files' \
'--provider-id=[ProviderId for OAuth 2.0 identity providers]:ID:_default' \
'(--web-identity-token --web-identity-token-file --source-profile --session-name --external-id --mfa-serial --mfa-code)--saml-assertion=[A SAML assertion for AssumeRoleWithSAML\: FILE, \`-\` (stdin) or file\://PATH, holding the base64 SAMLResponse or its XML]:FILE:_default' \
'--principal-arn=[The identity provider of the role to pick from the assertion (with --role-arn)]:ARN:_default' \
'--region=[STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)]:R:_default' \
'--endpoint-url=[STS endpoint, e.g. a local STS for testing]:URL:_default' \
'--min-ttl=[Renew cached sessions with less time left than this (default 10m)]:D:_default' \
'(--refresh)--no-cache[Neither read nor write the credential cache]' \
'--refresh[Start a new session even if one is cached, and cache it]' \
'--json[Print STS'\''s answer as JSON]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or a role ARN (default\: the active session $ROLESHIFT_PROFILE, else $AWS_PROFILE, else `default`):_roleshift_profiles' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'(--names)--json[Print JSON]' \
'--names[Print bare profile names, one a line (for completion scripts)]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--format=[\`text\` (default) or \`json\`]:F:(text json)' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(hook)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- bash, zsh, fish, powershell (pwsh) or nu:(bash zsh fish powershell nu)' \
&& ret=0
;;
(allow)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::path -- A .roleshift.toml, or a directory (default\: the current one):_files' \
&& ret=0
;;
(deny)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::path -- A .roleshift.toml, or a directory (default\: the current one):_files' \
&& ret=0
;;
(cache)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_roleshift__subcmd__cache_commands" \
"*::: :->cache" \
&& ret=0

    case $state in
    (cache)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-cache-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(clear)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or role ARN:_roleshift_profiles' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__cache__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-cache-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(clear)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(keys)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_roleshift__subcmd__keys_commands" \
"*::: :->keys" \
&& ret=0

    case $state in
    (keys)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-keys-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The profile the keys are for:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The profile whose keys go:_default' \
&& ret=0
;;
(migrate)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The profile whose keys move:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__keys__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-keys-help-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(migrate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sso)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_roleshift__subcmd__sso_commands" \
"*::: :->sso" \
&& ret=0

    case $state in
    (sso)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-sso-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
'--session=[The \[sso-session NAME\] of the config file (default\: the only one)]:NAME:_default' \
'--device-code[Print the URL and code only; never open a browser (headless hosts)]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- An SSO profile whose sso_session or sso_start_url to use:_roleshift_profiles' \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
'--session=[The \[sso-session NAME\] of the config file (default\: the only one)]:NAME:_default' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- An SSO profile whose sso_session or sso_start_url to use:_roleshift_profiles' \
&& ret=0
;;
(populate)
_arguments "${_arguments_options[@]}" : \
'--session=[The \[sso-session NAME\] of the config file (default\: the only one)]:NAME:_default' \
'--name-template=[Profile names\: {account_name}, {account_id}, {role_name}, {session}]:T:_default' \
'--region=[A \`region\` to write into each profile]:R:_default' \
'--prune[Remove the profiles an earlier populate wrote that are gone now]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- An SSO profile whose sso_session or sso_start_url to use:_roleshift_profiles' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__sso__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-sso-help-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(populate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(console)
_arguments "${_arguments_options[@]}" : \
'--role-arn=[The role to assume; with a profile target it overrides \`role_arn\`]:ARN:_default' \
'--source-profile=[The profile whose credentials assume an ad-hoc role]:PROFILE:_roleshift_profiles' \
'--session-name=[RoleSessionName (default roleshift-<user>-<unix time>)]:NAME:_default' \
'--duration=[Session length\: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)]:D:_default' \
'--external-id=[ExternalId for the role'\''s trust policy (profile key external_id)]:ID:_default' \
'--mfa-serial=[MFA device ARN (profile key mfa_serial)]:ARN:_default' \
'--mfa-code=[The current MFA code (else mfa_process, else a prompt on the terminal)]:CODE:_default' \
'*--policy-arn=[A managed policy ARN that limits the session (repeatable)]:ARN:_default' \
'--policy=[A JSON policy document file that limits the session]:FILE:_files' \
'*--tag=[A session tag K=V (repeatable)]:K=V:_default' \
'*--transitive-tag=[A tag key that passes on to chained sessions (repeatable)]:K:_default' \
'--source-identity=[SourceIdentity for the session]:S:_default' \
'(--web-identity-token-file)--web-identity-token=[\`-\`\: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused\: argv is visible to every local user)]:-:_default' \
'--web-identity-token-file=[A file holding the OIDC token for AssumeRoleWithWebIdentity]:FILE:_files' \
'--provider-id=[ProviderId for OAuth 2.0 identity providers]:ID:_default' \
'(--web-identity-token --web-identity-token-file --source-profile --session-name --external-id --mfa-serial --mfa-code)--saml-assertion=[A SAML assertion for AssumeRoleWithSAML\: FILE, \`-\` (stdin) or file\://PATH, holding the base64 SAMLResponse or its XML]:FILE:_default' \
'--principal-arn=[The identity provider of the role to pick from the assertion (with --role-arn)]:ARN:_default' \
'--region=[STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)]:R:_default' \
'--endpoint-url=[STS endpoint, e.g. a local STS for testing]:URL:_default' \
'--min-ttl=[Renew cached sessions with less time left than this (default 10m)]:D:_default' \
'--destination=[The console page to land on (default\: the console home of the region)]:URL:_default' \
'(--refresh)--no-cache[Neither read nor write the credential cache]' \
'--refresh[Start a new session even if one is cached, and cache it]' \
'--print[Print the sign-in URL on stdout instead of opening the browser]' \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- A profile name or a role ARN (default\: the active session $ROLESHIFT_PROFILE, else $AWS_PROFILE, else `default`):_roleshift_profiles' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'*-v[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'*--verbose[Log what roleshift does to stderr (-vv for more); secrets are never logged]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':shell:(bash zsh fish powershell elvish nu)' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-help-command-$line[1]:"
        case $line[1] in
            (export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(credential-process)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(save)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(saml-roles)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(whoami)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(hook)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(allow)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(deny)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cache)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__help__subcmd__cache_commands" \
"*::: :->cache" \
&& ret=0

    case $state in
    (cache)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-help-cache-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(clear)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(keys)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__help__subcmd__keys_commands" \
"*::: :->keys" \
&& ret=0

    case $state in
    (keys)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-help-keys-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rm)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(migrate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sso)
_arguments "${_arguments_options[@]}" : \
":: :_roleshift__subcmd__help__subcmd__sso_commands" \
"*::: :->sso" \
&& ret=0

    case $state in
    (sso)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:roleshift-help-sso-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(populate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(console)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_roleshift_commands] )) ||
_roleshift_commands() {
    local commands; commands=(
'export:Print statements that put the credentials into the calling shell' \
'unset:Print statements that restore what the last export changed' \
'exec:Run a command with the credentials in its environment' \
'credential-process:Print credentials as the JSON that \`credential_process\` expects' \
'save:Write the credentials into profile NAME of the credentials file' \
'saml-roles:List the (role, identity provider) pairs a SAML assertion offers' \
'whoami:Show the identity behind the resolved credentials (GetCallerIdentity)' \
'list:List the profiles of the AWS config and credentials files' \
'status:One line for prompts (\`prod 42m\`), from the environment alone' \
'hook:Print the shell hook that applies a directory'\''s .roleshift.toml' \
'allow:Trust a .roleshift.toml, as it is now, for the shell hook' \
'deny:Distrust a .roleshift.toml, whatever it says, until allowed again' \
'cache:Inspect or empty the credential cache' \
'keys:Keep long-term keys in the OS key store instead of the credentials file' \
'sso:IAM Identity Center\: sign in, generate profiles, sign out' \
'console:Sign in to the AWS console as the target (a sign-in URL)' \
'completions:Print the completion script for a shell' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__allow_commands] )) ||
_roleshift__subcmd__allow_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift allow commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache_commands] )) ||
_roleshift__subcmd__cache_commands() {
    local commands; commands=(
'list:Show cached sessions\: target, expiry and time left (never secrets)' \
'clear:Remove cached sessions, all of them or those of one target' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift cache commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache__subcmd__clear_commands] )) ||
_roleshift__subcmd__cache__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift cache clear commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache__subcmd__help_commands] )) ||
_roleshift__subcmd__cache__subcmd__help_commands() {
    local commands; commands=(
'list:Show cached sessions\: target, expiry and time left (never secrets)' \
'clear:Remove cached sessions, all of them or those of one target' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift cache help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache__subcmd__help__subcmd__clear_commands] )) ||
_roleshift__subcmd__cache__subcmd__help__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift cache help clear commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache__subcmd__help__subcmd__help_commands] )) ||
_roleshift__subcmd__cache__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift cache help help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache__subcmd__help__subcmd__list_commands] )) ||
_roleshift__subcmd__cache__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift cache help list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__cache__subcmd__list_commands] )) ||
_roleshift__subcmd__cache__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift cache list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__completions_commands] )) ||
_roleshift__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift completions commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__console_commands] )) ||
_roleshift__subcmd__console_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift console commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__credential-process_commands] )) ||
_roleshift__subcmd__credential-process_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift credential-process commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__deny_commands] )) ||
_roleshift__subcmd__deny_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift deny commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__exec_commands] )) ||
_roleshift__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift exec commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__export_commands] )) ||
_roleshift__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift export commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help_commands] )) ||
_roleshift__subcmd__help_commands() {
    local commands; commands=(
'export:Print statements that put the credentials into the calling shell' \
'unset:Print statements that restore what the last export changed' \
'exec:Run a command with the credentials in its environment' \
'credential-process:Print credentials as the JSON that \`credential_process\` expects' \
'save:Write the credentials into profile NAME of the credentials file' \
'saml-roles:List the (role, identity provider) pairs a SAML assertion offers' \
'whoami:Show the identity behind the resolved credentials (GetCallerIdentity)' \
'list:List the profiles of the AWS config and credentials files' \
'status:One line for prompts (\`prod 42m\`), from the environment alone' \
'hook:Print the shell hook that applies a directory'\''s .roleshift.toml' \
'allow:Trust a .roleshift.toml, as it is now, for the shell hook' \
'deny:Distrust a .roleshift.toml, whatever it says, until allowed again' \
'cache:Inspect or empty the credential cache' \
'keys:Keep long-term keys in the OS key store instead of the credentials file' \
'sso:IAM Identity Center\: sign in, generate profiles, sign out' \
'console:Sign in to the AWS console as the target (a sign-in URL)' \
'completions:Print the completion script for a shell' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__allow_commands] )) ||
_roleshift__subcmd__help__subcmd__allow_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help allow commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__cache_commands] )) ||
_roleshift__subcmd__help__subcmd__cache_commands() {
    local commands; commands=(
'list:Show cached sessions\: target, expiry and time left (never secrets)' \
'clear:Remove cached sessions, all of them or those of one target' \
    )
    _describe -t commands 'roleshift help cache commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__cache__subcmd__clear_commands] )) ||
_roleshift__subcmd__help__subcmd__cache__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help cache clear commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__cache__subcmd__list_commands] )) ||
_roleshift__subcmd__help__subcmd__cache__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help cache list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__completions_commands] )) ||
_roleshift__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help completions commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__console_commands] )) ||
_roleshift__subcmd__help__subcmd__console_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help console commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__credential-process_commands] )) ||
_roleshift__subcmd__help__subcmd__credential-process_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help credential-process commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__deny_commands] )) ||
_roleshift__subcmd__help__subcmd__deny_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help deny commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__exec_commands] )) ||
_roleshift__subcmd__help__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help exec commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__export_commands] )) ||
_roleshift__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help export commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__help_commands] )) ||
_roleshift__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__hook_commands] )) ||
_roleshift__subcmd__help__subcmd__hook_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help hook commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__keys_commands] )) ||
_roleshift__subcmd__help__subcmd__keys_commands() {
    local commands; commands=(
'add:Store keys for profile NAME, read from a terminal prompt or two lines of stdin' \
'list:List the profiles with stored keys and their access key ids (never secrets)' \
'rm:Remove profile NAME'\''s keys from the key store' \
'migrate:Move profile NAME'\''s keys from the credentials file into the key store' \
    )
    _describe -t commands 'roleshift help keys commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__keys__subcmd__add_commands] )) ||
_roleshift__subcmd__help__subcmd__keys__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help keys add commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__keys__subcmd__list_commands] )) ||
_roleshift__subcmd__help__subcmd__keys__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help keys list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__keys__subcmd__migrate_commands] )) ||
_roleshift__subcmd__help__subcmd__keys__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help keys migrate commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__keys__subcmd__rm_commands] )) ||
_roleshift__subcmd__help__subcmd__keys__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help keys rm commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__list_commands] )) ||
_roleshift__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__saml-roles_commands] )) ||
_roleshift__subcmd__help__subcmd__saml-roles_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help saml-roles commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__save_commands] )) ||
_roleshift__subcmd__help__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help save commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__sso_commands] )) ||
_roleshift__subcmd__help__subcmd__sso_commands() {
    local commands; commands=(
'login:Sign in with the device code flow and cache the token for every tool' \
'logout:Remove the session'\''s token and the sessions made from it' \
'populate:Write a profile for every account and role the session can reach' \
    )
    _describe -t commands 'roleshift help sso commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__sso__subcmd__login_commands] )) ||
_roleshift__subcmd__help__subcmd__sso__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help sso login commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__sso__subcmd__logout_commands] )) ||
_roleshift__subcmd__help__subcmd__sso__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help sso logout commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__sso__subcmd__populate_commands] )) ||
_roleshift__subcmd__help__subcmd__sso__subcmd__populate_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help sso populate commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__status_commands] )) ||
_roleshift__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help status commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__unset_commands] )) ||
_roleshift__subcmd__help__subcmd__unset_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help unset commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__help__subcmd__whoami_commands] )) ||
_roleshift__subcmd__help__subcmd__whoami_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift help whoami commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__hook_commands] )) ||
_roleshift__subcmd__hook_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift hook commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys_commands] )) ||
_roleshift__subcmd__keys_commands() {
    local commands; commands=(
'add:Store keys for profile NAME, read from a terminal prompt or two lines of stdin' \
'list:List the profiles with stored keys and their access key ids (never secrets)' \
'rm:Remove profile NAME'\''s keys from the key store' \
'migrate:Move profile NAME'\''s keys from the credentials file into the key store' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift keys commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__add_commands] )) ||
_roleshift__subcmd__keys__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys add commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__help_commands] )) ||
_roleshift__subcmd__keys__subcmd__help_commands() {
    local commands; commands=(
'add:Store keys for profile NAME, read from a terminal prompt or two lines of stdin' \
'list:List the profiles with stored keys and their access key ids (never secrets)' \
'rm:Remove profile NAME'\''s keys from the key store' \
'migrate:Move profile NAME'\''s keys from the credentials file into the key store' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift keys help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__help__subcmd__add_commands] )) ||
_roleshift__subcmd__keys__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys help add commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__help__subcmd__help_commands] )) ||
_roleshift__subcmd__keys__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys help help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__help__subcmd__list_commands] )) ||
_roleshift__subcmd__keys__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys help list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__help__subcmd__migrate_commands] )) ||
_roleshift__subcmd__keys__subcmd__help__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys help migrate commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__help__subcmd__rm_commands] )) ||
_roleshift__subcmd__keys__subcmd__help__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys help rm commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__list_commands] )) ||
_roleshift__subcmd__keys__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__migrate_commands] )) ||
_roleshift__subcmd__keys__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys migrate commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__keys__subcmd__rm_commands] )) ||
_roleshift__subcmd__keys__subcmd__rm_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift keys rm commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__list_commands] )) ||
_roleshift__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift list commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__saml-roles_commands] )) ||
_roleshift__subcmd__saml-roles_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift saml-roles commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__save_commands] )) ||
_roleshift__subcmd__save_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift save commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso_commands] )) ||
_roleshift__subcmd__sso_commands() {
    local commands; commands=(
'login:Sign in with the device code flow and cache the token for every tool' \
'logout:Remove the session'\''s token and the sessions made from it' \
'populate:Write a profile for every account and role the session can reach' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift sso commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__help_commands] )) ||
_roleshift__subcmd__sso__subcmd__help_commands() {
    local commands; commands=(
'login:Sign in with the device code flow and cache the token for every tool' \
'logout:Remove the session'\''s token and the sessions made from it' \
'populate:Write a profile for every account and role the session can reach' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'roleshift sso help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__help__subcmd__help_commands] )) ||
_roleshift__subcmd__sso__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso help help commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__help__subcmd__login_commands] )) ||
_roleshift__subcmd__sso__subcmd__help__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso help login commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__help__subcmd__logout_commands] )) ||
_roleshift__subcmd__sso__subcmd__help__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso help logout commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__help__subcmd__populate_commands] )) ||
_roleshift__subcmd__sso__subcmd__help__subcmd__populate_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso help populate commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__login_commands] )) ||
_roleshift__subcmd__sso__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso login commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__logout_commands] )) ||
_roleshift__subcmd__sso__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso logout commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__sso__subcmd__populate_commands] )) ||
_roleshift__subcmd__sso__subcmd__populate_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift sso populate commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__status_commands] )) ||
_roleshift__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift status commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__unset_commands] )) ||
_roleshift__subcmd__unset_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift unset commands' commands "$@"
}
(( $+functions[_roleshift__subcmd__whoami_commands] )) ||
_roleshift__subcmd__whoami_commands() {
    local commands; commands=()
    _describe -t commands 'roleshift whoami commands' commands "$@"
}

(( $+functions[_roleshift_profiles] )) ||
_roleshift_profiles() {
    local -a profiles
    profiles=(${(f)"$(command roleshift list --names 2>/dev/null)"})
    compadd -a profiles
}

if [ "$funcstack[1]" = "_roleshift" ]; then
    _roleshift "$@"
else
    compdef _roleshift roleshift
fi
