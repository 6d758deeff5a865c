// The web page served at GET /, embedded in the binary at build time (searcher/web/).
#pragma once

#include <string_view>

namespace newsdex {

std::string_view index_html();

}  // namespace newsdex
