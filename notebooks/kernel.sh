# Sourced by notebooks/run and notebooks/jupyter: builds GeoMill's Jupyter kernel (and the jar it runs on) when
# missing, and points Jupyter at its kernel spec through JUPYTER_PATH (nothing is installed in your home).
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$home/pom.xml" | head -n 1)"
kernel_spec="$home/notebook/target/jupyter/kernels/geomill/kernel.json"

if [[ ! -f "$kernel_spec" || ! -f "$home/notebook/target/geomill-kernel-$version.jar" \
      || ! -f "$home/jobs/target/geomill-$version.jar" ]]; then
  echo "geomill: building the notebook kernel and jobs/target/geomill-$version.jar (a few minutes)..." >&2
  (cd "$home" && mvn -q -B -DskipTests package -pl notebook -am) >&2 || {
    echo "geomill: build failed; run 'mvn -DskipTests package -pl notebook -am' in $home to see why" >&2
    exit 2
  }
fi

export JUPYTER_PATH="$home/notebook/target/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# pydevd (inside Debian's ipykernel) warns about frozen modules whenever Jupyter starts: not ours, no use.
export PYDEVD_DISABLE_FILE_VALIDATION=1
# Debian's Jupyter (the apt Python packages need /usr/bin/python3); another one on PATH works too.
jupyter="${JUPYTER:-$(command -v /usr/bin/jupyter || command -v jupyter || true)}"
if [[ -z "$jupyter" ]]; then
  echo "geomill: no jupyter found; on Debian: apt-get install jupyter-notebook jupyter-nbconvert python3-ipykernel" >&2
  exit 2
fi
