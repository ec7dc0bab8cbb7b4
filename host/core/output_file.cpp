#include "output_file.h"

#include "diagnostics.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace switcheroo {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
  std::error_code error;
  if (fs::is_directory(file, error)) {
    throw Error("cannot read '" + file.string() + "': it is a directory", "io");
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    throw Error("cannot read '" + file.string() + "': " + std::strerror(errno), "io");
  }
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

void write_file_atomically(const fs::path& file, std::string_view content, unsigned permissions) {
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code error;
  fs::create_directories(parent, error);
  std::string temp_name = file.filename().string();
  temp_name.insert(0, 1, '.');
  temp_name += ".swtmp-XXXXXX";
  std::string temp = (parent / temp_name).string();
  const int descriptor = mkstemp(temp.data());
  if (descriptor < 0) {
    throw Error("cannot write '" + file.string() + "': " + std::strerror(errno), "io");
  }
  const char* data = content.data();
  size_t left = content.size();
  bool ok = true;
  while (ok && left > 0) {
    const ssize_t written = ::write(descriptor, data, left);
    if (written < 0 && errno == EINTR) continue;
    ok = written > 0;
    if (ok) {
      data += written;
      left -= static_cast<size_t>(written);
    }
  }
  const int saved = errno;
  ok = ::fchmod(descriptor, static_cast<mode_t>(permissions)) == 0 && ok;
  ok = ::close(descriptor) == 0 && ok;
  if (!ok || std::rename(temp.c_str(), file.c_str()) != 0) {
    const int reason = ok ? errno : saved;
    std::remove(temp.c_str());
    throw Error("cannot write '" + file.string() + "': " + std::strerror(reason), "io");
  }
}

}  // namespace switcheroo
