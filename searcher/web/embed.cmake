# Turns the web page into a C++ source file at build time, so the binary serves it with no
# files to install. A line `/* @embed FILE */` in index.html is replaced by FILE (a path
# relative to this folder): the style sheet and the script's parts (README.md).
# Usage: cmake -DIN=index.html -DOUT=web_assets.cc -P embed.cmake
get_filename_component(dir "${IN}" DIRECTORY)
file(READ "${IN}" page)
string(REGEX MATCHALL "/\\* @embed [A-Za-z0-9_./-]+ \\*/" markers "${page}")
foreach(marker IN LISTS markers)
  string(REGEX REPLACE "/\\* @embed ([A-Za-z0-9_./-]+) \\*/" "\\1" name "${marker}")
  if(NOT EXISTS "${dir}/${name}")
    message(FATAL_ERROR "index.html embeds ${name}, which is not in ${dir}")
  endif()
  file(READ "${dir}/${name}" part)
  string(REPLACE "${marker}\n" "${part}" page "${page}")
endforeach()
string(HEX "${page}" hex)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "// Generated from searcher/web/ by embed.cmake; do not edit.\n"
  "#include \"searcher/server/web_assets.h\"\n"
  "namespace newsdex {\nnamespace {\nconst unsigned char kIndexHtml[] = {${bytes} 0};\n}\n"
  "std::string_view index_html() {\n"
  "  return {reinterpret_cast<const char*>(kIndexHtml), sizeof(kIndexHtml) - 1};\n}\n}\n")
