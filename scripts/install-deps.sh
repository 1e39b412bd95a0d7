#!/usr/bin/env bash
# Installs every Debian 12 package ParaVoxel needs to build, test and render.
# Idempotent: packages already present are left alone; safe to run again.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache git pkg-config libgtest-dev
  # sanitizers and fuzzing (clang, libFuzzer), valgrind, and the style check (VTK's clang-format)
  clang libclang-rt-14-dev valgrind clang-format
  # ParaView 5.11 and the -dev packages its CMake config expects but does not pull in
  paraview paraview-dev python3-paraview
  qtbase5-dev qttools5-dev libqt5svg5-dev qtxmlpatterns5-dev-tools libqt5opengl5-dev
  libutfcpp-dev libhdf5-openmpi-dev libnetcdf-dev libnetcdf-cxx-legacy-dev
  libdouble-conversion-dev libeigen3-dev libexpat1-dev libfreetype6-dev libgl2ps-dev
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
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
