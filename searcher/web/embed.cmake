# Turns the web page into a C++ source file at build time, so the binary serves it with no
# files to install. Usage: cmake -DIN=index.html -DOUT=web_assets.cc -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_length)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "// Generated from searcher/web/index.html by embed.cmake; do not edit.\n"
  "#include \"searcher/server/web_assets.h\"\n"
  "namespace newsdex {\nnamespace {\nconst unsigned char kIndexHtml[] = {${bytes} 0};\n}\n"
  "std::string_view index_html() {\n"
  "  return {reinterpret_cast<const char*>(kIndexHtml), sizeof(kIndexHtml) - 1};\n}\n}\n")
