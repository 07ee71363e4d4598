# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_roleshift_global_optspecs
    string join \n v/verbose h/help V/version
end

function __fish_roleshift_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_roleshift_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_roleshift_using_subcommand
    set -l cmd (__fish_roleshift_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c roleshift -n "__fish_roleshift_needs_command" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roleshift -n "__fish_roleshift_needs_command" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "export" -d 'Print statements that put the credentials into the calling shell'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "unset" -d 'Print statements that restore what the last export changed'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "exec" -d 'Run a command with the credentials in its environment'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "credential-process" -d 'Print credentials as the JSON that `credential_process` expects'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "save" -d 'Write the credentials into profile NAME of the credentials file'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "saml-roles" -d 'List the (role, identity provider) pairs a SAML assertion offers'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "whoami" -d 'Show the identity behind the resolved credentials (GetCallerIdentity)'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "list" -d 'List the profiles of the AWS config and credentials files'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "status" -d 'One line for prompts (`prod 42m`), from the environment alone'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "hook" -d 'Print the shell hook that applies a directory\'s .roleshift.toml'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "allow" -d 'Trust a .roleshift.toml, as it is now, for the shell hook'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "deny" -d 'Distrust a .roleshift.toml, whatever it says, until allowed again'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "cache" -d 'Inspect or empty the credential cache'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "keys" -d 'Keep long-term keys in the OS key store instead of the credentials file'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "sso" -d 'IAM Identity Center: sign in, generate profiles, sign out'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "console" -d 'Sign in to the AWS console as the target (a sign-in URL)'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c roleshift -n "__fish_roleshift_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l role-arn -d 'The role to assume; with a profile target it overrides `role_arn`' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l source-profile -d 'The profile whose credentials assume an ad-hoc role' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l session-name -d 'RoleSessionName (default roleshift-<user>-<unix time>)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l duration -d 'Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l external-id -d 'ExternalId for the role\'s trust policy (profile key external_id)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l mfa-serial -d 'MFA device ARN (profile key mfa_serial)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l mfa-code -d 'The current MFA code (else mfa_process, else a prompt on the terminal)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l policy-arn -d 'A managed policy ARN that limits the session (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l policy -d 'A JSON policy document file that limits the session' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l tag -d 'A session tag K=V (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l transitive-tag -d 'A tag key that passes on to chained sessions (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l source-identity -d 'SourceIdentity for the session' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l web-identity-token -d '`-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused: argv is visible to every local user)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l web-identity-token-file -d 'A file holding the OIDC token for AssumeRoleWithWebIdentity' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l provider-id -d 'ProviderId for OAuth 2.0 identity providers' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l saml-assertion -d 'A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH, holding the base64 SAMLResponse or its XML' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l principal-arn -d 'The identity provider of the role to pick from the assertion (with --role-arn)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l region -d 'STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l endpoint-url -d 'STS endpoint, e.g. a local STS for testing' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l min-ttl -d 'Renew cached sessions with less time left than this (default 10m)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l format -l shell -d 'Output format (default: the shell detected from $ROLESHIFT_SHELL, the parent process, $SHELL)' -r -f -a "bash\t''
zsh\t''
fish\t''
powershell\t''
nu\t''
dotenv\t''
json\t''
credential-process\t''"
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l no-cache -d 'Neither read nor write the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -l refresh -d 'Start a new session even if one is cached, and cache it'
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand export" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand unset" -l format -l shell -d 'Output format (default: detected as for export)' -r -f -a "bash\t''
zsh\t''
fish\t''
powershell\t''
nu\t''
json\t''"
complete -c roleshift -n "__fish_roleshift_using_subcommand unset" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand unset" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand unset" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l role-arn -d 'The role to assume; with a profile target it overrides `role_arn`' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l source-profile -d 'The profile whose credentials assume an ad-hoc role' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l session-name -d 'RoleSessionName (default roleshift-<user>-<unix time>)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l duration -d 'Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l external-id -d 'ExternalId for the role\'s trust policy (profile key external_id)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l mfa-serial -d 'MFA device ARN (profile key mfa_serial)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l mfa-code -d 'The current MFA code (else mfa_process, else a prompt on the terminal)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l policy-arn -d 'A managed policy ARN that limits the session (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l policy -d 'A JSON policy document file that limits the session' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l tag -d 'A session tag K=V (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l transitive-tag -d 'A tag key that passes on to chained sessions (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l source-identity -d 'SourceIdentity for the session' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l web-identity-token -d '`-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused: argv is visible to every local user)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l web-identity-token-file -d 'A file holding the OIDC token for AssumeRoleWithWebIdentity' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l provider-id -d 'ProviderId for OAuth 2.0 identity providers' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l saml-assertion -d 'A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH, holding the base64 SAMLResponse or its XML' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l principal-arn -d 'The identity provider of the role to pick from the assertion (with --role-arn)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l region -d 'STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l endpoint-url -d 'STS endpoint, e.g. a local STS for testing' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l min-ttl -d 'Renew cached sessions with less time left than this (default 10m)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l each -d 'Run CMD once per profile whose name matches GLOB (`*`, `?`, `[..]`), concurrently, each output line prefixed with the profile name' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l parallel -d 'With --each: at most N runs at a time (default: the number of CPUs, at least 4)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l no-cache -d 'Neither read nor write the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l refresh -d 'Start a new session even if one is cached, and cache it'
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -l server -d 'Serve the credentials from a loopback endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of static keys, and renew them while CMD runs'
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand exec" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l role-arn -d 'The role to assume; with a profile target it overrides `role_arn`' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l source-profile -d 'The profile whose credentials assume an ad-hoc role' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l session-name -d 'RoleSessionName (default roleshift-<user>-<unix time>)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l duration -d 'Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l external-id -d 'ExternalId for the role\'s trust policy (profile key external_id)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l mfa-serial -d 'MFA device ARN (profile key mfa_serial)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l mfa-code -d 'The current MFA code (else mfa_process, else a prompt on the terminal)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l policy-arn -d 'A managed policy ARN that limits the session (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l policy -d 'A JSON policy document file that limits the session' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l tag -d 'A session tag K=V (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l transitive-tag -d 'A tag key that passes on to chained sessions (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l source-identity -d 'SourceIdentity for the session' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l web-identity-token -d '`-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused: argv is visible to every local user)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l web-identity-token-file -d 'A file holding the OIDC token for AssumeRoleWithWebIdentity' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l provider-id -d 'ProviderId for OAuth 2.0 identity providers' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l saml-assertion -d 'A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH, holding the base64 SAMLResponse or its XML' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l principal-arn -d 'The identity provider of the role to pick from the assertion (with --role-arn)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l region -d 'STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l endpoint-url -d 'STS endpoint, e.g. a local STS for testing' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l min-ttl -d 'Renew cached sessions with less time left than this (default 10m)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l no-cache -d 'Neither read nor write the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -l refresh -d 'Start a new session even if one is cached, and cache it'
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand credential-process" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l role-arn -d 'The role to assume; with a profile target it overrides `role_arn`' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l source-profile -d 'The profile whose credentials assume an ad-hoc role' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l session-name -d 'RoleSessionName (default roleshift-<user>-<unix time>)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l duration -d 'Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l external-id -d 'ExternalId for the role\'s trust policy (profile key external_id)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l mfa-serial -d 'MFA device ARN (profile key mfa_serial)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l mfa-code -d 'The current MFA code (else mfa_process, else a prompt on the terminal)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l policy-arn -d 'A managed policy ARN that limits the session (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l policy -d 'A JSON policy document file that limits the session' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l tag -d 'A session tag K=V (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l transitive-tag -d 'A tag key that passes on to chained sessions (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l source-identity -d 'SourceIdentity for the session' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l web-identity-token -d '`-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused: argv is visible to every local user)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l web-identity-token-file -d 'A file holding the OIDC token for AssumeRoleWithWebIdentity' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l provider-id -d 'ProviderId for OAuth 2.0 identity providers' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l saml-assertion -d 'A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH, holding the base64 SAMLResponse or its XML' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l principal-arn -d 'The identity provider of the role to pick from the assertion (with --role-arn)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l region -d 'STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l endpoint-url -d 'STS endpoint, e.g. a local STS for testing' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l min-ttl -d 'Renew cached sessions with less time left than this (default 10m)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l as -d 'The profile to write: [NAME] in the credentials file' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l no-cache -d 'Neither read nor write the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l refresh -d 'Start a new session even if one is cached, and cache it'
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -l force -d 'Overwrite a section that roleshift did not write'
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand save" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand saml-roles" -l json -d 'Print JSON'
complete -c roleshift -n "__fish_roleshift_using_subcommand saml-roles" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand saml-roles" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand saml-roles" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l role-arn -d 'The role to assume; with a profile target it overrides `role_arn`' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l source-profile -d 'The profile whose credentials assume an ad-hoc role' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l session-name -d 'RoleSessionName (default roleshift-<user>-<unix time>)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l duration -d 'Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l external-id -d 'ExternalId for the role\'s trust policy (profile key external_id)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l mfa-serial -d 'MFA device ARN (profile key mfa_serial)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l mfa-code -d 'The current MFA code (else mfa_process, else a prompt on the terminal)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l policy-arn -d 'A managed policy ARN that limits the session (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l policy -d 'A JSON policy document file that limits the session' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l tag -d 'A session tag K=V (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l transitive-tag -d 'A tag key that passes on to chained sessions (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l source-identity -d 'SourceIdentity for the session' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l web-identity-token -d '`-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused: argv is visible to every local user)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l web-identity-token-file -d 'A file holding the OIDC token for AssumeRoleWithWebIdentity' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l provider-id -d 'ProviderId for OAuth 2.0 identity providers' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l saml-assertion -d 'A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH, holding the base64 SAMLResponse or its XML' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l principal-arn -d 'The identity provider of the role to pick from the assertion (with --role-arn)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l region -d 'STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l endpoint-url -d 'STS endpoint, e.g. a local STS for testing' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l min-ttl -d 'Renew cached sessions with less time left than this (default 10m)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l no-cache -d 'Neither read nor write the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l refresh -d 'Start a new session even if one is cached, and cache it'
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -l json -d 'Print STS\'s answer as JSON'
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand list" -l json -d 'Print JSON'
complete -c roleshift -n "__fish_roleshift_using_subcommand list" -l names -d 'Print bare profile names, one a line (for completion scripts)'
complete -c roleshift -n "__fish_roleshift_using_subcommand list" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand list" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand list" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand status" -l format -d '`text` (default) or `json`' -r -f -a "text\t''
json\t''"
complete -c roleshift -n "__fish_roleshift_using_subcommand status" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand status" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand status" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand hook" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand hook" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand hook" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand allow" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand allow" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand allow" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand deny" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand deny" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand deny" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "list" -d 'Show cached sessions: target, expiry and time left (never secrets)'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "clear" -d 'Remove cached sessions, all of them or those of one target'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show cached sessions: target, expiry and time left (never secrets)'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove cached sessions, all of them or those of one target'
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -f -a "add" -d 'Store keys for profile NAME, read from a terminal prompt or two lines of stdin'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -f -a "list" -d 'List the profiles with stored keys and their access key ids (never secrets)'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -f -a "rm" -d 'Remove profile NAME\'s keys from the key store'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -f -a "migrate" -d 'Move profile NAME\'s keys from the credentials file into the key store'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and not __fish_seen_subcommand_from add list rm migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "add" -d 'Store keys for profile NAME, read from a terminal prompt or two lines of stdin'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles with stored keys and their access key ids (never secrets)'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove profile NAME\'s keys from the key store'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Move profile NAME\'s keys from the credentials file into the key store'
complete -c roleshift -n "__fish_roleshift_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -f -a "login" -d 'Sign in with the device code flow and cache the token for every tool'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -f -a "logout" -d 'Remove the session\'s token and the sessions made from it'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -f -a "populate" -d 'Write a profile for every account and role the session can reach'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and not __fish_seen_subcommand_from login logout populate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from login" -l session -d 'The [sso-session NAME] of the config file (default: the only one)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from login" -l device-code -d 'Print the URL and code only; never open a browser (headless hosts)'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from logout" -l session -d 'The [sso-session NAME] of the config file (default: the only one)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -l session -d 'The [sso-session NAME] of the config file (default: the only one)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -l name-template -d 'Profile names: {account_name}, {account_id}, {role_name}, {session}' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -l region -d 'A `region` to write into each profile' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -l prune -d 'Remove the profiles an earlier populate wrote that are gone now'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from populate" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from help" -f -a "login" -d 'Sign in with the device code flow and cache the token for every tool'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the session\'s token and the sessions made from it'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from help" -f -a "populate" -d 'Write a profile for every account and role the session can reach'
complete -c roleshift -n "__fish_roleshift_using_subcommand sso; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l role-arn -d 'The role to assume; with a profile target it overrides `role_arn`' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l source-profile -d 'The profile whose credentials assume an ad-hoc role' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l session-name -d 'RoleSessionName (default roleshift-<user>-<unix time>)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l duration -d 'Session length: 900, 15m, 1h, 12h; an MFA session alone up to 36h (profile key duration_seconds)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l external-id -d 'ExternalId for the role\'s trust policy (profile key external_id)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l mfa-serial -d 'MFA device ARN (profile key mfa_serial)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l mfa-code -d 'The current MFA code (else mfa_process, else a prompt on the terminal)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l policy-arn -d 'A managed policy ARN that limits the session (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l policy -d 'A JSON policy document file that limits the session' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l tag -d 'A session tag K=V (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l transitive-tag -d 'A tag key that passes on to chained sessions (repeatable)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l source-identity -d 'SourceIdentity for the session' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l web-identity-token -d '`-`: read the OIDC token for AssumeRoleWithWebIdentity from stdin (a token itself is refused: argv is visible to every local user)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l web-identity-token-file -d 'A file holding the OIDC token for AssumeRoleWithWebIdentity' -r -F
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l provider-id -d 'ProviderId for OAuth 2.0 identity providers' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l saml-assertion -d 'A SAML assertion for AssumeRoleWithSAML: FILE, `-` (stdin) or file://PATH, holding the base64 SAMLResponse or its XML' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l principal-arn -d 'The identity provider of the role to pick from the assertion (with --role-arn)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l region -d 'STS region (also exported as AWS_REGION and AWS_DEFAULT_REGION)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l endpoint-url -d 'STS endpoint, e.g. a local STS for testing' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l min-ttl -d 'Renew cached sessions with less time left than this (default 10m)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l destination -d 'The console page to land on (default: the console home of the region)' -r
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l no-cache -d 'Neither read nor write the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l refresh -d 'Start a new session even if one is cached, and cache it'
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -l print -d 'Print the sign-in URL on stdout instead of opening the browser'
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand console" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand completions" -s v -l verbose -d 'Log what roleshift does to stderr (-vv for more); secrets are never logged'
complete -c roleshift -n "__fish_roleshift_using_subcommand completions" -s h -l help -d 'Print help'
complete -c roleshift -n "__fish_roleshift_using_subcommand completions" -s V -l version -d 'Print version'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "export" -d 'Print statements that put the credentials into the calling shell'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "unset" -d 'Print statements that restore what the last export changed'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "exec" -d 'Run a command with the credentials in its environment'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "credential-process" -d 'Print credentials as the JSON that `credential_process` expects'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "save" -d 'Write the credentials into profile NAME of the credentials file'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "saml-roles" -d 'List the (role, identity provider) pairs a SAML assertion offers'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "whoami" -d 'Show the identity behind the resolved credentials (GetCallerIdentity)'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "list" -d 'List the profiles of the AWS config and credentials files'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "status" -d 'One line for prompts (`prod 42m`), from the environment alone'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "hook" -d 'Print the shell hook that applies a directory\'s .roleshift.toml'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "allow" -d 'Trust a .roleshift.toml, as it is now, for the shell hook'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "deny" -d 'Distrust a .roleshift.toml, whatever it says, until allowed again'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "cache" -d 'Inspect or empty the credential cache'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "keys" -d 'Keep long-term keys in the OS key store instead of the credentials file'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "sso" -d 'IAM Identity Center: sign in, generate profiles, sign out'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "console" -d 'Sign in to the AWS console as the target (a sign-in URL)'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and not __fish_seen_subcommand_from export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "list" -d 'Show cached sessions: target, expiry and time left (never secrets)'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove cached sessions, all of them or those of one target'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "add" -d 'Store keys for profile NAME, read from a terminal prompt or two lines of stdin'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List the profiles with stored keys and their access key ids (never secrets)'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "rm" -d 'Remove profile NAME\'s keys from the key store'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "migrate" -d 'Move profile NAME\'s keys from the credentials file into the key store'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from sso" -f -a "login" -d 'Sign in with the device code flow and cache the token for every tool'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from sso" -f -a "logout" -d 'Remove the session\'s token and the sessions made from it'
complete -c roleshift -n "__fish_roleshift_using_subcommand help; and __fish_seen_subcommand_from sso" -f -a "populate" -d 'Write a profile for every account and role the session can reach'

# Profile names, completed where a TARGET, --source-profile or `cache clear` goes.
complete -c roleshift -n "__fish_seen_subcommand_from export exec credential-process save whoami console; and not __fish_roleshift_after_dashdash" -f -a "(command roleshift list --names 2>/dev/null)"
complete -c roleshift -l source-profile -x -a "(command roleshift list --names 2>/dev/null)"
complete -c roleshift -n "__fish_roleshift_using_subcommand cache; and __fish_seen_subcommand_from clear" -f -a "(command roleshift list --names 2>/dev/null)"
# Shell names, not files.
complete -c roleshift -n "__fish_roleshift_using_subcommand hook" -f -a "bash zsh fish powershell nu"
complete -c roleshift -n "__fish_roleshift_using_subcommand completions" -f -a "bash zsh fish powershell elvish nu"
# After `exec ... --`: the command line of its own.
function __fish_roleshift_after_dashdash
    contains -- -- (commandline -opc)
end
function __fish_roleshift_command_line
    set -l words (commandline -opc)
    set -l at (contains -i -- -- $words)
    set -l rest $words[(math $at + 1)..-1]
    complete -C (string join ' ' -- (string escape -- $rest) (commandline -ct))
end
complete -c roleshift -n "__fish_roleshift_using_subcommand exec; and __fish_roleshift_after_dashdash" -x -a "(__fish_roleshift_command_line)"
