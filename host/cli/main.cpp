#include "cli.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return switcheroo::cli::run({argv + 1, argv + argc}, std::cin, std::cout, std::cerr);
  } catch (const std::exception& failure) {
    std::cerr << "error: internal error: " << failure.what() << " [swhost]\n";
    return 1;
  }
}
