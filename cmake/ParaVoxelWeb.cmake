# The web figures' npm packages (Python/paravoxel/web/package.json, pinned by its lock file):
# `npm ci` installs them into the build tree (build/web/node_modules) at build time, from the npm
# registry; three.js's module, its orbit controls and its licence are copied beside the
# `paravoxel.web` modules (vendor/), which inline them into every page, and installed with them.
# playwright-core (drives Debian's chromium) and gltf-validator (Khronos) are the tests'.
# Without npm (PARAVOXEL_WEB OFF) the package still exports glTF; pages and web tests need it.
find_program(PARAVOXEL_NPM npm)
find_program(PARAVOXEL_NODE node)
if (PARAVOXEL_NPM AND PARAVOXEL_NODE)
  set(paravoxel_web_default ON)
else ()
  set(paravoxel_web_default OFF)
endif ()
option(PARAVOXEL_WEB "Install the web figures' npm packages (three.js) at build time"
  ${paravoxel_web_default})
if (NOT PARAVOXEL_WEB)
  return ()
endif ()

set(paravoxel_web_source "${CMAKE_CURRENT_SOURCE_DIR}/Python/paravoxel/web")
set(PARAVOXEL_NODE_MODULES "${CMAKE_BINARY_DIR}/web/node_modules")
set(paravoxel_web_vendor "${CMAKE_BINARY_DIR}/${PARAVOXEL_PYTHON_DESTINATION}/paravoxel/web/vendor")
set(paravoxel_three "${PARAVOXEL_NODE_MODULES}/three")
set(paravoxel_web_vendor_files
  "${paravoxel_web_vendor}/three.module.min.js"
  "${paravoxel_web_vendor}/OrbitControls.js"
  "${paravoxel_web_vendor}/three.LICENSE")
add_custom_command(
  OUTPUT "${CMAKE_BINARY_DIR}/web/npm-ci.stamp" ${paravoxel_web_vendor_files}
  COMMAND "${CMAKE_COMMAND}" -E copy "${paravoxel_web_source}/package.json"
          "${paravoxel_web_source}/package-lock.json" "${CMAKE_BINARY_DIR}/web/"
  COMMAND "${PARAVOXEL_NPM}" ci --no-audit --no-fund --loglevel=error
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${paravoxel_web_vendor}"
  COMMAND "${CMAKE_COMMAND}" -E copy "${paravoxel_three}/build/three.module.min.js"
          "${paravoxel_web_vendor}/three.module.min.js"
  COMMAND "${CMAKE_COMMAND}" -E copy "${paravoxel_three}/examples/jsm/controls/OrbitControls.js"
          "${paravoxel_web_vendor}/OrbitControls.js"
  COMMAND "${CMAKE_COMMAND}" -E copy "${paravoxel_three}/LICENSE"
          "${paravoxel_web_vendor}/three.LICENSE"
  COMMAND "${CMAKE_COMMAND}" -E touch "${CMAKE_BINARY_DIR}/web/npm-ci.stamp"
  DEPENDS "${paravoxel_web_source}/package.json" "${paravoxel_web_source}/package-lock.json"
  WORKING_DIRECTORY "${CMAKE_BINARY_DIR}/web"
  COMMENT "npm ci: three.js, playwright-core and gltf-validator into ${CMAKE_BINARY_DIR}/web"
  VERBATIM)
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/web")
add_custom_target(paravoxel_web ALL DEPENDS "${CMAKE_BINARY_DIR}/web/npm-ci.stamp")

# The page's viewer, beside the modules that inline it.
configure_file("${paravoxel_web_source}/viewer.js"
  "${CMAKE_BINARY_DIR}/${PARAVOXEL_PYTHON_DESTINATION}/paravoxel/web/viewer.js" COPYONLY)
install(FILES "${paravoxel_web_source}/viewer.js"
  DESTINATION "${PARAVOXEL_PYTHON_DESTINATION}/paravoxel/web" COMPONENT python)
install(FILES ${paravoxel_web_vendor_files}
  DESTINATION "${PARAVOXEL_PYTHON_DESTINATION}/paravoxel/web/vendor" COMPONENT python)
