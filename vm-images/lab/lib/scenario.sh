# Scenario files (*.scn): a header of `key: value` lines, then sections of
# shell steps. The format is documented in vm-images/README.md; this parser
# rejects anything it does not know, naming the file and line.

LAB_SCN_KEYS="description xen xen-args timeout guest-timeout prepare dom0-kmods dom0-modules dom0-payload guest expect reject"
LAB_GUEST_KEYS="memory vcpus kmods modules payload"

lab_scn_error() {
    lab_fail "scenario $LAB_SCN_FILE:$1: $2"
}

# lab_scenario_parse FILE STEPS_DIR: fills the SCN_* variables and writes
# each section's body to STEPS_DIR/<section>.sh.
lab_scenario_parse() {
    LAB_SCN_FILE=$1
    local steps=$2 n=0 line key val section="" out="" g kv k v
    SCN_DESCRIPTION="" SCN_XEN=debian SCN_XEN_ARGS="" SCN_TIMEOUT=300 SCN_GUEST_TIMEOUT=180
    SCN_DOM0_KMODS="" SCN_DOM0_MODULES="" SCN_DOM0_PAYLOADS=""
    SCN_GUESTS=() SCN_EXPECT=() SCN_REJECT=() SCN_PREPARE=()
    declare -gA SCN_GUEST_MEMORY=() SCN_GUEST_VCPUS=() SCN_GUEST_KMODS=() SCN_GUEST_MODULES=() SCN_GUEST_PAYLOADS=()
    mkdir -p "$steps"
    [ -r "$LAB_SCN_FILE" ] || lab_fail "scenario file $LAB_SCN_FILE not found"
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        if [[ $line =~ ^\[(dom0|dom0-post|host|guest\ ([a-z][a-z0-9]*))\][[:space:]]*$ ]]; then
            section=${BASH_REMATCH[1]}
            if [ -n "${BASH_REMATCH[2]}" ]; then
                g=${BASH_REMATCH[2]}
                [ -n "${SCN_GUEST_MEMORY[$g]:-}" ] || lab_scn_error "$n" "section [guest $g] for a guest not declared with 'guest: $g ...'"
                out=$steps/guest-$g.sh
            else
                out=$steps/$section.sh
            fi
            [ -e "$out" ] && lab_scn_error "$n" "section [$section] appears twice"
            : >"$out"
            continue
        fi
        if [ -n "$section" ]; then
            printf '%s\n' "$line" >>"$out"
            continue
        fi
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        [[ $line =~ ^([a-z0-9-]+):[[:space:]]*(.*)$ ]] || lab_scn_error "$n" "expected 'key: value' or a [section], got: $line"
        key=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
        val=${val%"${val##*[![:space:]]}"}
        case $key in
            description) SCN_DESCRIPTION=$val ;;
            xen)
                [[ $val =~ ^(debian|patched)$ ]] || lab_scn_error "$n" "xen must be 'debian' or 'patched', got '$val'"
                SCN_XEN=$val ;;
            xen-args) SCN_XEN_ARGS=$val ;;
            timeout|guest-timeout)
                [[ $val =~ ^[1-9][0-9]*$ ]] || lab_scn_error "$n" "$key must be a number of seconds, got '$val'"
                if [ "$key" = timeout ]; then SCN_TIMEOUT=$val; else SCN_GUEST_TIMEOUT=$val; fi ;;
            prepare)
                [ -f "$REPO/$val" ] || lab_scn_error "$n" "prepare script '$val' not found in the repository ($REPO)"
                SCN_PREPARE+=("$val") ;;
            dom0-kmods) SCN_DOM0_KMODS+=" $val" ;;
            dom0-modules) SCN_DOM0_MODULES+=" $val" ;;
            dom0-payload) SCN_DOM0_PAYLOADS+=" $val" ;;
            guest)
                read -r g val <<<"$val"
                [[ ${g:-} =~ ^[a-z][a-z0-9]{0,11}$ ]] || lab_scn_error "$n" "guest name must match [a-z][a-z0-9]{0,11}, got '${g:-}'"
                [ -z "${SCN_GUEST_MEMORY[$g]:-}" ] || lab_scn_error "$n" "guest '$g' declared twice"
                SCN_GUESTS+=("$g")
                SCN_GUEST_MEMORY[$g]=256 SCN_GUEST_VCPUS[$g]=1
                SCN_GUEST_KMODS[$g]="" SCN_GUEST_MODULES[$g]="" SCN_GUEST_PAYLOADS[$g]=""
                for kv in $val; do
                    [[ $kv =~ ^([a-z]+)=(.*)$ ]] || lab_scn_error "$n" "guest option must be key=value, got '$kv'"
                    k=${BASH_REMATCH[1]} v=${BASH_REMATCH[2]//,/ }
                    case $k in
                        memory|vcpus)
                            [[ $v =~ ^[1-9][0-9]*$ ]] || lab_scn_error "$n" "guest $g: $k must be a number, got '$v'"
                            if [ "$k" = memory ]; then SCN_GUEST_MEMORY[$g]=$v; else SCN_GUEST_VCPUS[$g]=$v; fi ;;
                        kmods) SCN_GUEST_KMODS[$g]=$v ;;
                        modules) SCN_GUEST_MODULES[$g]=$v ;;
                        payload) SCN_GUEST_PAYLOADS[$g]=$v ;;
                        *) lab_scn_error "$n" "unknown guest option '$k' (known: $LAB_GUEST_KEYS)" ;;
                    esac
                done ;;
            expect|reject)
                read -r k v <<<"$val"
                [ -n "${v:-}" ] || lab_scn_error "$n" "$key needs a log name and a regular expression"
                if [ "$key" = expect ]; then SCN_EXPECT+=("$k $v"); else SCN_REJECT+=("$k $v"); fi ;;
            *) lab_scn_error "$n" "unknown key '$key' (known: $LAB_SCN_KEYS)" ;;
        esac
    done <"$LAB_SCN_FILE"
    local rule
    for rule in "${SCN_EXPECT[@]}" "${SCN_REJECT[@]}"; do
        k=${rule%% *}
        case " dom0 host any ${SCN_GUESTS[*]} " in
            *" $k "*) ;;
            *) lab_fail "scenario $LAB_SCN_FILE: expect/reject names log '$k'; known logs: dom0 host any ${SCN_GUESTS[*]}" ;;
        esac
    done
    for g in "${SCN_GUESTS[@]}"; do
        [ -e "$steps/guest-$g.sh" ] || : >"$steps/guest-$g.sh"
    done
    for section in dom0 dom0-post; do
        [ -e "$steps/$section.sh" ] || : >"$steps/$section.sh"
    done
}

# A scenario's `prepare:` script runs on the host before the images are
# packed (from the repository root, as a stage with its own timeout), so it
# can generate payload trees, e.g. a jlink runtime into a git-ignored dir.
lab_run_prepare() {
    cd "$REPO"
    bash "$1"
}
