_roleshift() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="roleshift"
                ;;
            roleshift,allow)
                cmd="roleshift__subcmd__allow"
                ;;
            roleshift,cache)
                cmd="roleshift__subcmd__cache"
                ;;
            roleshift,completions)
                cmd="roleshift__subcmd__completions"
                ;;
            roleshift,console)
                cmd="roleshift__subcmd__console"
                ;;
            roleshift,credential-process)
                cmd="roleshift__subcmd__credential__subcmd__process"
                ;;
            roleshift,deny)
                cmd="roleshift__subcmd__deny"
                ;;
            roleshift,exec)
                cmd="roleshift__subcmd__exec"
                ;;
            roleshift,export)
                cmd="roleshift__subcmd__export"
                ;;
            roleshift,help)
                cmd="roleshift__subcmd__help"
                ;;
            roleshift,hook)
                cmd="roleshift__subcmd__hook"
                ;;
            roleshift,keys)
                cmd="roleshift__subcmd__keys"
                ;;
            roleshift,list)
                cmd="roleshift__subcmd__list"
                ;;
            roleshift,saml-roles)
                cmd="roleshift__subcmd__saml__subcmd__roles"
                ;;
            roleshift,save)
                cmd="roleshift__subcmd__save"
                ;;
            roleshift,sso)
                cmd="roleshift__subcmd__sso"
                ;;
            roleshift,status)
                cmd="roleshift__subcmd__status"
                ;;
            roleshift,unset)
                cmd="roleshift__subcmd__unset"
                ;;
            roleshift,whoami)
                cmd="roleshift__subcmd__whoami"
                ;;
            roleshift__subcmd__cache,clear)
                cmd="roleshift__subcmd__cache__subcmd__clear"
                ;;
            roleshift__subcmd__cache,help)
                cmd="roleshift__subcmd__cache__subcmd__help"
                ;;
            roleshift__subcmd__cache,list)
                cmd="roleshift__subcmd__cache__subcmd__list"
                ;;
            roleshift__subcmd__cache__subcmd__help,clear)
                cmd="roleshift__subcmd__cache__subcmd__help__subcmd__clear"
                ;;
            roleshift__subcmd__cache__subcmd__help,help)
                cmd="roleshift__subcmd__cache__subcmd__help__subcmd__help"
                ;;
            roleshift__subcmd__cache__subcmd__help,list)
                cmd="roleshift__subcmd__cache__subcmd__help__subcmd__list"
                ;;
            roleshift__subcmd__help,allow)
                cmd="roleshift__subcmd__help__subcmd__allow"
                ;;
            roleshift__subcmd__help,cache)
                cmd="roleshift__subcmd__help__subcmd__cache"
                ;;
            roleshift__subcmd__help,completions)
                cmd="roleshift__subcmd__help__subcmd__completions"
                ;;
            roleshift__subcmd__help,console)
                cmd="roleshift__subcmd__help__subcmd__console"
                ;;
            roleshift__subcmd__help,credential-process)
                cmd="roleshift__subcmd__help__subcmd__credential__subcmd__process"
                ;;
            roleshift__subcmd__help,deny)
                cmd="roleshift__subcmd__help__subcmd__deny"
                ;;
            roleshift__subcmd__help,exec)
                cmd="roleshift__subcmd__help__subcmd__exec"
                ;;
            roleshift__subcmd__help,export)
                cmd="roleshift__subcmd__help__subcmd__export"
                ;;
            roleshift__subcmd__help,help)
                cmd="roleshift__subcmd__help__subcmd__help"
                ;;
            roleshift__subcmd__help,hook)
                cmd="roleshift__subcmd__help__subcmd__hook"
                ;;
            roleshift__subcmd__help,keys)
                cmd="roleshift__subcmd__help__subcmd__keys"
                ;;
            roleshift__subcmd__help,list)
                cmd="roleshift__subcmd__help__subcmd__list"
                ;;
            roleshift__subcmd__help,saml-roles)
                cmd="roleshift__subcmd__help__subcmd__saml__subcmd__roles"
                ;;
            roleshift__subcmd__help,save)
                cmd="roleshift__subcmd__help__subcmd__save"
                ;;
            roleshift__subcmd__help,sso)
                cmd="roleshift__subcmd__help__subcmd__sso"
                ;;
            roleshift__subcmd__help,status)
                cmd="roleshift__subcmd__help__subcmd__status"
                ;;
            roleshift__subcmd__help,unset)
                cmd="roleshift__subcmd__help__subcmd__unset"
                ;;
            roleshift__subcmd__help,whoami)
                cmd="roleshift__subcmd__help__subcmd__whoami"
                ;;
            roleshift__subcmd__help__subcmd__cache,clear)
                cmd="roleshift__subcmd__help__subcmd__cache__subcmd__clear"
                ;;
            roleshift__subcmd__help__subcmd__cache,list)
                cmd="roleshift__subcmd__help__subcmd__cache__subcmd__list"
                ;;
            roleshift__subcmd__help__subcmd__keys,add)
                cmd="roleshift__subcmd__help__subcmd__keys__subcmd__add"
                ;;
            roleshift__subcmd__help__subcmd__keys,list)
                cmd="roleshift__subcmd__help__subcmd__keys__subcmd__list"
                ;;
            roleshift__subcmd__help__subcmd__keys,migrate)
                cmd="roleshift__subcmd__help__subcmd__keys__subcmd__migrate"
                ;;
            roleshift__subcmd__help__subcmd__keys,rm)
                cmd="roleshift__subcmd__help__subcmd__keys__subcmd__rm"
                ;;
            roleshift__subcmd__help__subcmd__sso,login)
                cmd="roleshift__subcmd__help__subcmd__sso__subcmd__login"
                ;;
            roleshift__subcmd__help__subcmd__sso,logout)
                cmd="roleshift__subcmd__help__subcmd__sso__subcmd__logout"
                ;;
            roleshift__subcmd__help__subcmd__sso,populate)
                cmd="roleshift__subcmd__help__subcmd__sso__subcmd__populate"
                ;;
            roleshift__subcmd__keys,add)
                cmd="roleshift__subcmd__keys__subcmd__add"
                ;;
            roleshift__subcmd__keys,help)
                cmd="roleshift__subcmd__keys__subcmd__help"
                ;;
            roleshift__subcmd__keys,list)
                cmd="roleshift__subcmd__keys__subcmd__list"
                ;;
            roleshift__subcmd__keys,migrate)
                cmd="roleshift__subcmd__keys__subcmd__migrate"
                ;;
            roleshift__subcmd__keys,rm)
                cmd="roleshift__subcmd__keys__subcmd__rm"
                ;;
            roleshift__subcmd__keys__subcmd__help,add)
                cmd="roleshift__subcmd__keys__subcmd__help__subcmd__add"
                ;;
            roleshift__subcmd__keys__subcmd__help,help)
                cmd="roleshift__subcmd__keys__subcmd__help__subcmd__help"
                ;;
            roleshift__subcmd__keys__subcmd__help,list)
                cmd="roleshift__subcmd__keys__subcmd__help__subcmd__list"
                ;;
            roleshift__subcmd__keys__subcmd__help,migrate)
                cmd="roleshift__subcmd__keys__subcmd__help__subcmd__migrate"
                ;;
            roleshift__subcmd__keys__subcmd__help,rm)
                cmd="roleshift__subcmd__keys__subcmd__help__subcmd__rm"
                ;;
            roleshift__subcmd__sso,help)
                cmd="roleshift__subcmd__sso__subcmd__help"
                ;;
            roleshift__subcmd__sso,login)
                cmd="roleshift__subcmd__sso__subcmd__login"
                ;;
            roleshift__subcmd__sso,logout)
                cmd="roleshift__subcmd__sso__subcmd__logout"
                ;;
            roleshift__subcmd__sso,populate)
                cmd="roleshift__subcmd__sso__subcmd__populate"
                ;;
            roleshift__subcmd__sso__subcmd__help,help)
                cmd="roleshift__subcmd__sso__subcmd__help__subcmd__help"
                ;;
            roleshift__subcmd__sso__subcmd__help,login)
                cmd="roleshift__subcmd__sso__subcmd__help__subcmd__login"
                ;;
            roleshift__subcmd__sso__subcmd__help,logout)
                cmd="roleshift__subcmd__sso__subcmd__help__subcmd__logout"
                ;;
            roleshift__subcmd__sso__subcmd__help,populate)
                cmd="roleshift__subcmd__sso__subcmd__help__subcmd__populate"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        roleshift)
            opts="-v -h -V --verbose --help --version export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__allow)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache)
            opts="-v -h -V --verbose --help --version list clear help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache__subcmd__clear)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache__subcmd__help)
            opts="list clear help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache__subcmd__help__subcmd__clear)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__cache__subcmd__list)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__completions)
            opts="-v -h -V --verbose --help --version bash zsh fish powershell elvish nu"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__console)
            opts="-v -h -V --role-arn --source-profile --session-name --duration --external-id --mfa-serial --mfa-code --policy-arn --policy --tag --transitive-tag --source-identity --web-identity-token --web-identity-token-file --provider-id --saml-assertion --principal-arn --region --endpoint-url --no-cache --refresh --min-ttl --print --destination --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-profile)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --session-name)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --duration)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --external-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-serial)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-code)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --transitive-tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-identity)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token-file)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --provider-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --saml-assertion)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --principal-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --endpoint-url)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --min-ttl)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --destination)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__credential__subcmd__process)
            opts="-v -h -V --role-arn --source-profile --session-name --duration --external-id --mfa-serial --mfa-code --policy-arn --policy --tag --transitive-tag --source-identity --web-identity-token --web-identity-token-file --provider-id --saml-assertion --principal-arn --region --endpoint-url --no-cache --refresh --min-ttl --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-profile)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --session-name)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --duration)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --external-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-serial)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-code)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --transitive-tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-identity)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token-file)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --provider-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --saml-assertion)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --principal-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --endpoint-url)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --min-ttl)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__deny)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__exec)
            opts="-v -h -V --role-arn --source-profile --session-name --duration --external-id --mfa-serial --mfa-code --policy-arn --policy --tag --transitive-tag --source-identity --web-identity-token --web-identity-token-file --provider-id --saml-assertion --principal-arn --region --endpoint-url --no-cache --refresh --min-ttl --server --each --parallel --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-profile)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --session-name)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --duration)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --external-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-serial)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-code)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --transitive-tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-identity)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token-file)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --provider-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --saml-assertion)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --principal-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --endpoint-url)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --min-ttl)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --each)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --parallel)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__export)
            opts="-v -h -V --role-arn --source-profile --session-name --duration --external-id --mfa-serial --mfa-code --policy-arn --policy --tag --transitive-tag --source-identity --web-identity-token --web-identity-token-file --provider-id --saml-assertion --principal-arn --region --endpoint-url --no-cache --refresh --min-ttl --shell --format --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-profile)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --session-name)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --duration)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --external-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-serial)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-code)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --transitive-tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-identity)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token-file)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --provider-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --saml-assertion)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --principal-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --endpoint-url)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --min-ttl)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "bash zsh fish powershell nu dotenv json credential-process" -- "${cur}"))
                    return 0
                    ;;
                --shell)
                    COMPREPLY=($(compgen -W "bash zsh fish powershell nu dotenv json credential-process" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help)
            opts="export unset exec credential-process save saml-roles whoami list status hook allow deny cache keys sso console completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__allow)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__cache)
            opts="list clear"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__cache__subcmd__clear)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__cache__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__console)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__credential__subcmd__process)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__deny)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__hook)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__keys)
            opts="add list rm migrate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__keys__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__keys__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__keys__subcmd__migrate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__keys__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__saml__subcmd__roles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__save)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__sso)
            opts="login logout populate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__sso__subcmd__login)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__sso__subcmd__logout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__sso__subcmd__populate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__unset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__help__subcmd__whoami)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__hook)
            opts="-v -h -V --verbose --help --version bash zsh fish powershell nu"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys)
            opts="-v -h -V --verbose --help --version add list rm migrate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__add)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__help)
            opts="add list rm migrate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__help__subcmd__migrate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__list)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__migrate)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__keys__subcmd__rm)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__list)
            opts="-v -h -V --json --names --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__saml__subcmd__roles)
            opts="-v -h -V --json --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__save)
            opts="-v -h -V --role-arn --source-profile --session-name --duration --external-id --mfa-serial --mfa-code --policy-arn --policy --tag --transitive-tag --source-identity --web-identity-token --web-identity-token-file --provider-id --saml-assertion --principal-arn --region --endpoint-url --no-cache --refresh --min-ttl --as --force --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-profile)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --session-name)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --duration)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --external-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-serial)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-code)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --transitive-tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-identity)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token-file)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --provider-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --saml-assertion)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --principal-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --endpoint-url)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --min-ttl)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --as)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso)
            opts="-v -h -V --verbose --help --version login logout populate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__help)
            opts="login logout populate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__help__subcmd__login)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__help__subcmd__logout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__help__subcmd__populate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__login)
            opts="-v -h -V --session --device-code --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --session)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__logout)
            opts="-v -h -V --session --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --session)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__sso__subcmd__populate)
            opts="-v -h -V --session --prune --name-template --region --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --session)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --name-template)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__status)
            opts="-v -h -V --format --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__unset)
            opts="-v -h -V --shell --format --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "bash zsh fish powershell nu json" -- "${cur}"))
                    return 0
                    ;;
                --shell)
                    COMPREPLY=($(compgen -W "bash zsh fish powershell nu json" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        roleshift__subcmd__whoami)
            opts="-v -h -V --role-arn --source-profile --session-name --duration --external-id --mfa-serial --mfa-code --policy-arn --policy --tag --transitive-tag --source-identity --web-identity-token --web-identity-token-file --provider-id --saml-assertion --principal-arn --region --endpoint-url --no-cache --refresh --min-ttl --json --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-profile)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --session-name)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --duration)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --external-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-serial)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --mfa-code)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --policy)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --transitive-tag)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --source-identity)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --web-identity-token-file)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --provider-id)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --saml-assertion)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --principal-arn)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --region)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --endpoint-url)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                --min-ttl)
                    compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _roleshift -o nosort -o bashdefault -o default roleshift
else
    complete -F _roleshift -o bashdefault -o default roleshift
fi

# Profile names, completed where a TARGET, --source-profile or `cache clear` goes.
# Each name is matched as a plain prefix and inserted quoted: never expanded.
_roleshift_profiles() {
    local name quoted
    while IFS= read -r name; do
        [[ $name == "$1"* ]] || continue
        printf -v quoted '%q' "$name"
        COMPREPLY+=("$quoted")
    done < <(command roleshift list --names 2>/dev/null)
}
# After `exec ... --`: the command, then its own arguments.
_roleshift_command() {
    COMPREPLY=()
    if declare -F _command_offset >/dev/null; then
        _command_offset "$1"
    elif (( COMP_CWORD == $1 )); then
        mapfile -t COMPREPLY < <(compgen -c -- "${COMP_WORDS[COMP_CWORD]}")
    else
        compopt -o filenames
        mapfile -t COMPREPLY < <(compgen -f -- "${COMP_WORDS[COMP_CWORD]}")
    fi
}
_roleshift_dynamic() {
    _roleshift "$@"
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i
    if [[ $prev == --source-profile ]]; then
        COMPREPLY=()
        _roleshift_profiles "$cur"
        return
    fi
    if [[ ${COMP_WORDS[1]} == cache && ${COMP_WORDS[2]} == clear && COMP_CWORD -eq 3 ]]; then
        COMPREPLY=()
        _roleshift_profiles "$cur"
        return
    fi
    case " export exec credential-process save whoami console " in *" ${COMP_WORDS[1]} "*) ;; *) return ;; esac
    for ((i = 2; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == -- ]]; then
            [[ ${COMP_WORDS[1]} == exec ]] && _roleshift_command $((i + 1))
            return
        fi
    done
    case " --as --destination --duration --each --endpoint-url --external-id --format --mfa-code --mfa-serial --min-ttl --parallel --policy --policy-arn --principal-arn --provider-id --region --role-arn --saml-assertion --session-name --shell --source-identity --source-profile --tag --transitive-tag --web-identity-token --web-identity-token-file " in *" $prev "*) return ;; esac
    [[ $cur == -* ]] && return
    _roleshift_profiles "$cur"
}
complete -F _roleshift_dynamic -o bashdefault -o default roleshift
