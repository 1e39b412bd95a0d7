#!/usr/bin/env bash
# Installs every Debian package ParaVoxel needs to build, test and render, for the release this
# machine runs (/etc/os-release): Debian 12 "bookworm" (ParaView 5.11, Qt5), Debian 13 "trixie"
# (ParaView 5.13, Qt6) or Debian testing "forky" (ParaView 6.1, Qt6, the system VTK 9.6).
# PARAVOXEL_DEBIAN_RELEASE=bookworm|trixie|forky overrides the detection; --list prints the list.
# Idempotent: packages already present are left alone; safe to run again.
set -euo pipefail

# The release: VERSION_CODENAME, or for testing/unstable (which may say "sid", or nothing, with
# "forky/sid" in PRETTY_NAME) the newest release we know.
release=${PARAVOXEL_DEBIAN_RELEASE:-}
if [ -z "$release" ] && [ -r /etc/os-release ]; then
  release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  case "$release" in
    bookworm | trixie | forky) ;;
    sid | "") if grep -qE '^PRETTY_NAME=.*(forky|sid)' /etc/os-release; then release=forky; fi ;;
  esac
fi
case "$release" in
  bookworm | trixie | forky) ;;
  *)
    echo "install-deps: unsupported release '${release}' (bookworm, trixie or forky;" \
      "set PARAVOXEL_DEBIAN_RELEASE to choose one)" >&2
    exit 1
    ;;
esac

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache git pkg-config libgtest-dev
  # sanitizers and fuzzing (clang, libFuzzer), valgrind, and the style check (VTK's clang-format)
  clang valgrind clang-format
  # ParaView and the -dev packages its CMake config expects but does not pull in (the release's
  # own ones follow the list)
  paraview paraview-dev python3-paraview
  libutfcpp-dev libhdf5-openmpi-dev libnetcdf-dev
  libdouble-conversion-dev libeigen3-dev libexpat1-dev libgl2ps-dev
  libglew-dev libjpeg-dev libjsoncpp-dev liblz4-dev libpng-dev libproj-dev libpython3-dev
  libtbb-dev libtheora-dev libtiff-dev libx11-dev libxml2-dev libxt-dev mpi-default-dev
  zlib1g-dev liblzma-dev libgdal-dev libpugixml-dev libcgns-dev libprotobuf-dev
  protobuf-compiler libogg-dev libexodusii-dev libfmt-dev libavcodec-dev libavformat-dev
  libavutil-dev libswscale-dev libpq-dev libsqlite3-dev
  # ParaVoxel's own libraries
  libzip-dev libdeflate-dev libcurl4-openssl-dev
  # the Debian package (cpack runs dpkg-shlibdeps) and its check
  dpkg-dev lintian
  # headless rendering and MPI runtime
  xvfb xauth x11-utils libgl1-mesa-dri openmpi-bin
  # the GUI walk-through's screenshots (scripts/screenshots.sh): screen capture and PNG conversion
  x11-apps netpbm
  # reference reader, real test images, fixture tools
  python3-nibabel python3-numpy python3-scipy mricron-data zip unzip time
  # the seed tutorial's own route, measured side by side in the benchmarks
  python3-matplotlib python3-skimage
  # the tutorial as a notebook (Examples/tutorial.ipynb): Jupyter, its python3 kernel, Pillow
  jupyter-notebook jupyter-nbconvert python3-ipykernel python3-nbformat python3-pil
  # the web figures (paravoxel.web): node and npm install three.js and the tests' playwright-core
  # and gltf-validator into the build tree (npm ci); the tests drive Debian's chromium headless
  nodejs npm chromium ca-certificates
  # print-ready stills (paravoxel.gallery.stills): pdftocairo draws a chart's PNG from its vector
  # PDF; pdftoppm, pdfinfo and pdfimages check the PDFs (figures.print)
  poppler-utils
)
# What differs by release: libFuzzer's runtime for the default clang (libclang-rt-NN-dev), the Qt
# ParaView's GUI is built on, NetCDF's legacy C++ API (gone after Debian 12), and on forky the
# system VTK that ParaView 6.1 is built against (its CMake package finds VTK's). Names that became
# virtual (libfreetype6-dev) are given as the real package, which dpkg-query sees installed.
case "$release" in
  bookworm)
    PACKAGES+=(libclang-rt-14-dev
      qtbase5-dev qttools5-dev libqt5svg5-dev qtxmlpatterns5-dev-tools libqt5opengl5-dev
      libnetcdf-cxx-legacy-dev libfreetype6-dev)
    ;;
  trixie)
    PACKAGES+=(libclang-rt-19-dev libfreetype-dev
      qt6-base-dev qt6-tools-dev qt6-svg-dev qt6-5compat-dev)
    ;;
  forky)
    # xsltproc: the plugin's documentation, which ParaView 6 makes without Qt5's xmlpatterns.
    PACKAGES+=(libclang-rt-21-dev libfreetype-dev
      qt6-base-dev qt6-tools-dev qt6-svg-dev qt6-5compat-dev xsltproc
      libvtk9-dev libvtk9-qt-dev)
    ;;
esac

# --list: print the package list for the release and stop (scripts/test-in-debian.sh remakes a
# root when it changes).
if [ "${1:-}" = --list ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  # A Node.js from elsewhere (NodeSource's nodejs package bundles npm and conflicts with Debian's)
  # serves as well: npm on PATH is enough.
  if [ "$p" = npm ] && command -v npm > /dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages for ${release} present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt (CI makes Debian roots beside the build) may hold dpkg's lock: wait for it.
wait_lock=(-o DPkg::Lock::Timeout=1200)
$SUDO apt-get "${wait_lock[@]}" update -qq
$SUDO apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends "${missing[@]}"
