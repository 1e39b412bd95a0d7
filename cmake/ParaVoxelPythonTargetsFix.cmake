#[==[
Debian's ParaView packages from 5.13 on (Debian 13 "trixie", forky) install CMake target files
for the Python modules -- VTKPython-targets.cmake (ParaView 5.13's own VTK),
ParaViewPython-targets.cmake and ParaViewPythonIncubator-targets.cmake -- that name each module
without its ABI suffix (".../vtkmodules/vtkCommonCore.so", where Debian installs
"vtkCommonCore.cpython-313-x86_64-linux-gnu.so"). CMake checks that every file an imported
target names exists, so `find_package(ParaView)` stops with "The imported target ... references
the file ... but this file does not exist". (Debian 12's ParaView 5.11 and forky's external
VTK 9.6 name the files correctly and are left alone.)

The usual workarounds write into the system folders (sed the target files, or symlink the
unsuffixed names next to the modules, as other projects' CI scripts do); a build must not need
root or change the machine. Instead, before find_package(ParaView), this module:
  1. finds ParaView's CMake package folders (and the VTK one inside them, ParaView 5.13's),
  2. for each Python target file naming a module that does not exist, writes a corrected copy
     into the build folder -- each missing name replaced by the one file `<name>.*.so` next to
     it -- and includes it, which defines those imported targets with the real files;
  3. find_package(ParaView) then includes Debian's file, whose generated prologue returns at once
     when all of its targets already exist, so its check never runs.
Nothing is written outside the build folder, nothing changes when Debian's files are right, and
once Debian fixes its packages this does nothing.
#]==]

# The targets files of one CMake package folder whose Python modules are named without their
# suffix: each corrected into ${CMAKE_BINARY_DIR}/CMakeFiles/paravoxel-python-targets and
# included.
function(_paravoxel_fix_python_targets package_dir)
  file(GLOB main_files "${package_dir}/*Python*-targets.cmake")
  foreach (main_file IN LISTS main_files)
    get_filename_component(base "${main_file}" NAME)
    string(REGEX REPLACE "-targets\\.cmake$" "" name "${base}")
    file(READ "${main_file}" main_text)
    # _IMPORT_PREFIX, as the file computes it: its folder, up as many levels as it goes.
    string(REGEX MATCHALL "get_filename_component\\(_IMPORT_PREFIX \"\\\${_IMPORT_PREFIX}\" PATH\\)"
      levels "${main_text}")
    set(prefix "${package_dir}")
    foreach (level IN LISTS levels)
      get_filename_component(prefix "${prefix}" PATH)
    endforeach ()

    set(out_dir "${CMAKE_BINARY_DIR}/CMakeFiles/paravoxel-python-targets/${name}")
    file(GLOB config_files "${package_dir}/${name}-targets-*.cmake")
    set(fixed 0)
    set(config_texts)
    foreach (config_file IN LISTS config_files)
      file(READ "${config_file}" text)
      string(REGEX MATCHALL "\\\${_IMPORT_PREFIX}/[^\"]*\\.so\"" named "${text}")
      list(REMOVE_DUPLICATES named)
      foreach (reference IN LISTS named)
        string(REGEX REPLACE "^\\\${_IMPORT_PREFIX}(.*)\"$" "\\1" relative "${reference}")
        if (NOT EXISTS "${prefix}${relative}")
          string(REGEX REPLACE "\\.so$" "" stem "${prefix}${relative}")
          file(GLOB candidates "${stem}.*.so")
          list(LENGTH candidates count)
          if (count EQUAL 1)
            file(RELATIVE_PATH real "${prefix}" "${candidates}")
            string(REPLACE "${reference}" "\${_IMPORT_PREFIX}/${real}\"" text "${text}")
            math(EXPR fixed "${fixed} + 1")
          endif ()
        endif ()
      endforeach ()
      get_filename_component(config_name "${config_file}" NAME)
      file(WRITE "${out_dir}/${config_name}" "${text}")
    endforeach ()
    if (fixed EQUAL 0)
      file(REMOVE_RECURSE "${out_dir}")
      continue ()
    endif ()
    # The main file, reading the corrected per-configuration files and computing its prefix from
    # where Debian put it.
    string(REPLACE "\"\${CMAKE_CURRENT_LIST_FILE}\" PATH)" "\"${main_file}\" PATH)"
      main_text "${main_text}")
    string(REPLACE "\"\${CMAKE_CURRENT_LIST_DIR}/${name}-targets-*.cmake\""
      "\"${out_dir}/${name}-targets-*.cmake\"" main_text "${main_text}")
    file(WRITE "${out_dir}/${base}" "${main_text}")
    # As if inside a find_package: a missing target of another export set (the corrected files
    # are read before find_package has made them) then only marks this dummy package not found.
    set(CMAKE_FIND_PACKAGE_NAME ParaVoxelPythonTargetsFix)
    include("${out_dir}/${base}")
    message(STATUS "ParaVoxel: ${base}: ${fixed} Python module(s) named without their ABI "
      "suffix, read from a corrected copy (cmake/ParaVoxelPythonTargetsFix.cmake)")
  endforeach ()
endfunction ()

# ParaView's package folders where find_package(ParaView) would look, VTK's first (ParaView's
# Python targets name VTK's).
set(_paravoxel_package_dirs)
if (ParaView_DIR)
  list(APPEND _paravoxel_package_dirs "${ParaView_DIR}")
else ()
  foreach (_paravoxel_prefix IN LISTS CMAKE_PREFIX_PATH CMAKE_SYSTEM_PREFIX_PATH)
    file(GLOB _paravoxel_found
      "${_paravoxel_prefix}/lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake/paraview-*"
      "${_paravoxel_prefix}/lib/cmake/paraview-*")
    # The same folder through a symbolic link (/lib -> usr/lib) once.
    foreach (_paravoxel_dir IN LISTS _paravoxel_found)
      get_filename_component(_paravoxel_dir "${_paravoxel_dir}" REALPATH)
      list(APPEND _paravoxel_package_dirs "${_paravoxel_dir}")
    endforeach ()
  endforeach ()
endif ()
list(REMOVE_DUPLICATES _paravoxel_package_dirs)
foreach (_paravoxel_dir IN LISTS _paravoxel_package_dirs)
  if (IS_DIRECTORY "${_paravoxel_dir}/vtk")
    _paravoxel_fix_python_targets("${_paravoxel_dir}/vtk")
  endif ()
  _paravoxel_fix_python_targets("${_paravoxel_dir}")
endforeach ()
unset(_paravoxel_dir)
unset(_paravoxel_found)
unset(_paravoxel_prefix)
unset(_paravoxel_package_dirs)
