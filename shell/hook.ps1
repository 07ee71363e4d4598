# roleshift hook for PowerShell: the role of the nearest trusted
# .roleshift.toml is active at every prompt, and right after each
# Set-Location. Load it from $PROFILE with:
#
#   roleshift hook powershell | Out-String | Invoke-Expression
#
# A prompt where nothing changed starts no process: the hook compares the
# location, a renewal deadline, the session's expiry and target (a
# `roleshift export` by hand is watched and renewed too) and two files'
# modification times (the
# nearest .roleshift.toml and the trust store, against stamp files) with what
# it saw last. Only then does it run `roleshift hook-env` once and evaluate
# what that prints. Its state lives in $global:__roleshift_* variables, which
# are not environment variables; nothing secret is kept there.

$global:__roleshift_bin = __ROLESHIFT_BIN__

# Whether a file changed since roleshift looked: the stamp carries the file's
# mtime of then; no stamp means the file did not exist then.
function global:__roleshift_changed([string]$File, [string]$Stamp) {
    if (-not $File) { return $false }
    if (-not $Stamp) { return (Test-Path -LiteralPath $File) }
    if (-not (Test-Path -LiteralPath $File) -or -not (Test-Path -LiteralPath $Stamp)) { return $true }
    return (Get-Item -LiteralPath $File -Force).LastWriteTimeUtc -ne (Get-Item -LiteralPath $Stamp -Force).LastWriteTimeUtc
}

function global:__roleshift_hook {
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $here = $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    $seen = "$env:AWS_CREDENTIAL_EXPIRATION/$env:ROLESHIFT_PROFILE"
    if (-not $global:__roleshift_busy -and $global:__roleshift_pwd -eq $here -and
        $global:__roleshift_seen -ceq $seen -and
        ($null -eq $global:__roleshift_deadline -or $now -lt $global:__roleshift_deadline) -and
        -not (__roleshift_changed $global:__roleshift_cfg $global:__roleshift_cfg_stamp) -and
        -not (__roleshift_changed $global:__roleshift_trust $global:__roleshift_trust_stamp)) {
        return
    }
    # Still set: the last run was cut short (Ctrl-C).
    $flag = @()
    if ($global:__roleshift_busy) { $flag = @('--cancelled') }
    $global:__roleshift_busy = $true
    # hook-env alone sees the saved values and the state: they are put in
    # the environment just for the call and removed whatever happens.
    $passed = @()
    $out = ''
    try {
        if ($null -ne $global:__roleshift_old) {
            foreach ($k in @($global:__roleshift_old.Keys)) {
                $n = "__roleshift_old_$k"
                [Environment]::SetEnvironmentVariable($n, $global:__roleshift_old[$k])
                $passed += $n
            }
            $env:__roleshift_saved = '1'
            $passed += '__roleshift_saved'
        }
        if ($null -ne $global:__roleshift_state) {
            $env:__roleshift_state = $global:__roleshift_state
            $passed += '__roleshift_state'
        }
        $out = & $global:__roleshift_bin hook-env --shell powershell @flag | Out-String
    } finally {
        foreach ($n in $passed) { Remove-Item -LiteralPath "Env:$n" -ErrorAction SilentlyContinue }
        # Ctrl-C stops the pipeline, and only this block runs. Cut short
        # outside the applied tree (a switch, or leaving), the old tree's
        # session goes at once, as leaving would remove it.
        $root = $global:__roleshift_root
        if ($out -notmatch '\$global:__roleshift_busy = \$false\s*$' -and $root -and $here -ne $root -and
            -not $here.StartsWith($root + [IO.Path]::DirectorySeparatorChar)) {
            Invoke-Expression $global:__roleshift_undo
        }
    }
    # hook-env always ends its output with the line that clears the busy
    # mark, even when it fails; anything else was cut short (Ctrl-C) and is
    # not evaluated, and the mark stays for the next prompt.
    if ($out -match '\$global:__roleshift_busy = \$false\s*$') {
        Invoke-Expression $out
        $global:__roleshift_pwd = $here
        $global:__roleshift_seen = "$env:AWS_CREDENTIAL_EXPIRATION/$env:ROLESHIFT_PROFILE"
        $global:__roleshift_deadline = $null
        if ($null -ne $global:__roleshift_ttl) { $global:__roleshift_deadline = $now + [long]$global:__roleshift_ttl }
    } elseif ($flag.Count -gt 0) {
        # Cut short twice in a row: stop until something changes.
        $global:__roleshift_pwd = $here
        $global:__roleshift_seen = $seen
        $global:__roleshift_deadline = $null
        $global:__roleshift_cfg = $null
        $global:__roleshift_trust = $null
        $global:__roleshift_busy = $false
    }
}

# Wrap the prompt and chain LocationChangedAction once; loading the hook
# again only refreshes the functions above.
if (-not (Test-Path -LiteralPath Variable:global:__roleshift_installed)) {
    $global:__roleshift_installed = $true
    $global:__roleshift_prompt = $function:prompt
    function global:prompt {
        $ok = $?
        $code = $global:LASTEXITCODE
        __roleshift_hook
        $global:LASTEXITCODE = $code
        # $? cannot be assigned; a failing no-op makes it false again for
        # the prompt that follows (starship and others read it).
        if (-not $ok) { Write-Error -Message 'roleshift: keep $?' -ErrorAction Ignore }
        & $global:__roleshift_prompt
    }
    $global:__roleshift_location = $ExecutionContext.InvokeCommand.LocationChangedAction
    $ExecutionContext.InvokeCommand.LocationChangedAction = {
        param($Source, $EventArgs)
        if ($global:__roleshift_location) { & $global:__roleshift_location $Source $EventArgs }
        $code = $global:LASTEXITCODE
        __roleshift_hook
        $global:LASTEXITCODE = $code
    }
}
