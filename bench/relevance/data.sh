# Sourced by the relevance scripts: puts the labelled collections that are not ours in $cache (they are never
# committed; see docs/relevance.md for what each is and its licence). Each comes from a public GitHub repository that
# must be cloned first (this machine reaches GitHub only through the team's mirror: the `fetch` tool puts a snapshot
# at /work/.mirror/OWNER+NAME/repo); QALAM_MIRRORS names another folder of such clones.
#   mallahyari/Farsi-datasets               farsi_news/hamshahri.json            Hamshahri Online's news feed (fa)
#   language-ml/course-nlp-ir-1-text-exploring  exploring-datasets/health/namnak-5.json  namnak.com health articles (fa)
#   loki86/ksr_zadanie1V2                   reut2-000.sgm … reut2-021.sgm        Reuters-21578 (en)
# A collection whose repository is missing is left out, with a line saying so.
cache=${QALAM_RELEVANCE_CACHE:-/tmp/qalam-relevance}
mirrors=${QALAM_MIRRORS:-/work/.mirror}
collections=()
mkdir -p "$cache/reuters"

take() { # take REPO PATH DEST: the file at PATH in the newest commit of the clone of REPO
  local clone="$mirrors/${1/\//+}/repo"
  [ -f "$3" ] && return 0
  if [ -d "$clone" ] && git -C "$clone" show "HEAD:$2" > "$3.tmp" 2>/dev/null; then mv "$3.tmp" "$3"; return 0; fi
  rm -f "$3.tmp"; echo "Not found: $2 of $1 (clone it into $mirrors/${1/\//+}/repo)." >&2; return 1
}

if take mallahyari/Farsi-datasets farsi_news/hamshahri.json "$cache/hamshahri.json"; then
  collections+=(--hamshahri "$cache/hamshahri.json")
fi
if take language-ml/course-nlp-ir-1-text-exploring exploring-datasets/health/namnak-5.json "$cache/namnak-5.json"; then
  collections+=(--namnak "$cache/namnak-5.json")
fi
reuters=yes
for n in $(seq -w 0 21); do
  # The repository keeps a shortened copy of file 003 under its usual name and the whole file beside it.
  source=reut2-0$n.sgm; [ "$n" = 03 ] && source=reut2-003-full.sgm
  take loki86/ksr_zadanie1V2 "$source" "$cache/reuters/reut2-0$n.sgm" || { reuters=no; break; }
done
[ "$reuters" = yes ] && collections+=(--reuters "$cache/reuters")
