# Installing and packaging ParaVoxel (included by the top-level CMakeLists.txt).
#
#   cmake --install build --prefix /usr     the same files as the package, without dpkg
#   (cd build && cpack -G DEB)              paravoxel_<version>_amd64.deb
#
# The plugin goes to <prefix>/<libdir>/paraview-5.11/plugins/ParaVoxel (paraview_plugin_build
# above) and the `paravoxel` package to <prefix>/<libdir>/paravoxel-python, the same layout as the
# build tree, so the plugin finds the package beside itself (Plugins/ParaVoxelPythonImport.h).
# Only the "runtime" parts are installed into the package: the wrapping's static archives are
# ParaView's "development" component.

# The pure-Python modules, each in its sub-package's folder (paravoxel, paravoxel/gallery).
foreach (module IN LISTS paravoxel_python_modules)
  get_filename_component(package "${module}" DIRECTORY)
  install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/Python/${module}"
    DESTINATION "${PARAVOXEL_PYTHON_DESTINATION}/${package}"
    COMPONENT python)
endforeach ()

# The GUI macro, Macros > ColorByLabels, to <prefix>/share/paravoxel/macros; the link
# <prefix>/bin/Macros below puts it in ParaView's Macros menu.
set(paravoxel_macros_destination "${CMAKE_INSTALL_DATAROOTDIR}/paravoxel/macros")
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/Plugins/macros/ColorByLabels.py"
  DESTINATION "${paravoxel_macros_destination}"
  COMPONENT runtime)

# What makes ParaView and Python find ParaVoxel with no settings, written at install time because
# it depends on the prefix:
# - Debian's ParaView 5.11 loads at start-up every plugin in the folder `plugins` beside its
#   executables (vtkPVPluginLoader: PV_PLUGIN_PATH, then <executable dir>/plugins) and nowhere
#   else without an environment variable; <prefix>/bin/plugins becomes a link to the folder of
#   ParaVoxel's plugin (unless something else already has that name). The GUI, pvpython,
#   pvbatch and pvserver then all load it; that takes effect for ParaView's own executables only
#   with prefix /usr.
# - Debian's python3 (which pvpython and Jupyter use) reads `.pth` files in its dist-packages
#   folder: paravoxel.pth names the package's folder.
# - ParaView 5.11's Macros menu lists the files of the folders named `Macros` beside its
#   executable (pqPythonMacroSupervisor::getMacrosFilePaths: <executable dir>/Macros and a few
#   parents, the user's ~/.config/ParaView/Macros, and PV_MACRO_PATH); a plugin has no way to add
#   one. <prefix>/bin/Macros becomes a link to ParaVoxel's macros (unless something else already
#   has that name), a link rather than a folder because Debian allows no folder in /usr/bin.
# All are added to the install manifest, so that removing what it lists removes them too.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
set(paravoxel_python_version "${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}")
install(CODE "
  set(root \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  if (CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(site \"lib/python3/dist-packages\")
  else ()
    set(site \"lib/python${paravoxel_python_version}/dist-packages\")
  endif ()
  file(WRITE \"\${root}/\${site}/paravoxel.pth\"
    \"\${CMAKE_INSTALL_PREFIX}/${PARAVOXEL_PYTHON_DESTINATION}\\n\")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${CMAKE_INSTALL_PREFIX}/\${site}/paravoxel.pth\")
  set(link \"\${root}/${CMAKE_INSTALL_BINDIR}/plugins\")
  if (NOT EXISTS \"\${link}\" AND NOT IS_SYMLINK \"\${link}\")
    file(MAKE_DIRECTORY \"\${root}/${CMAKE_INSTALL_BINDIR}\")
    file(CREATE_LINK \"../${CMAKE_INSTALL_LIBDIR}/${PARAVIEW_PLUGIN_SUBDIR}\" \"\${link}\" SYMBOLIC)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/plugins\")
  endif ()
  set(macros \"\${root}/${CMAKE_INSTALL_BINDIR}/Macros\")
  if (NOT EXISTS \"\${macros}\" AND NOT IS_SYMLINK \"\${macros}\")
    file(CREATE_LINK \"../${paravoxel_macros_destination}\" \"\${macros}\" SYMBOLIC)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/Macros\")
  endif ()
  message(STATUS \"Installing: \${root}/\${site}/paravoxel.pth, \${link}, \${macros}\")
" COMPONENT runtime)

# Debian's documentation files: the copyright in Debian's format, the changelog compressed as
# Debian policy asks (gzip -9n: no name or time stamp, identical bytes on every build).
set(paravoxel_doc "${CMAKE_INSTALL_DATAROOTDIR}/doc/paravoxel")
add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/changelog.gz"
  COMMAND gzip -9nc "${CMAKE_CURRENT_SOURCE_DIR}/packaging/changelog"
          > "${CMAKE_BINARY_DIR}/changelog.gz"
  DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/packaging/changelog")
add_custom_target(paravoxel_changelog ALL DEPENDS "${CMAKE_BINARY_DIR}/changelog.gz")
# lintian takes the links <prefix>/bin/plugins and Macros for commands without a manual page.
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/packaging/paravoxel.lintian-overrides"
  DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides"
  RENAME paravoxel
  COMPONENT runtime)
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/packaging/copyright"
              "${CMAKE_BINARY_DIR}/changelog.gz"
  DESTINATION "${paravoxel_doc}"
  COMPONENT runtime)

# The Debian package: one package of the runtime components, for the ParaView it was built
# against (the exact Debian version: the plugin links ParaView's libraries, whose ABI is that of
# one build), its other libraries found by dpkg-shlibdeps.
execute_process(COMMAND dpkg-query -W "-f=\${Version}" paraview
  OUTPUT_VARIABLE paravoxel_paraview_version RESULT_VARIABLE paravoxel_no_paraview_package)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME paravoxel)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "the ParaVoxel developers")
set(CPACK_PACKAGE_CONTACT "ParaVoxel developers <maintainers@users.noreply.r-seed-8860fdf0.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "3D medical images as exploded voxels in ParaView")
set(CPACK_PACKAGE_DESCRIPTION "ParaVoxel is a ParaView 5.11 plugin: Analyze 7.5, SPM and NIfTI
volumes read straight from zip archives, buffers and URLs (every byte
checked), the tutorial's intensity curve, and every voxel drawn as a box,
with gaps and cut-aways. ParaView, pvpython and pvbatch load it at start-up;
the paravoxel Python package holds its VTK classes.")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime python Unspecified)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
if (NOT paravoxel_no_paraview_package)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "paraview (= ${paravoxel_paraview_version}), python3-paraview (= ${paravoxel_paraview_version}), python3, python3-numpy")
endif ()
include(CPack)
