#include "output_file.h"

#include "diagnostics.h"
#include "interrupt_cleanup.h"

#include <cctype>
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

namespace {

constexpr const char* kUnit = "io";

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error_number) {
  throw Error(what + " '" + path.string() + "': " + system_error_text(error_number), kUnit);
}

// What a non-regular file is, for the refusal; empty for a regular file or a missing one.
std::string kind_of_special_file(const struct stat& status) {
  switch (status.st_mode & S_IFMT) {
    case S_IFREG: return "";
    case S_IFDIR: return "a folder";
    case S_IFLNK: return "a symbolic link";
    case S_IFIFO: return "a FIFO";
    case S_IFCHR:
    case S_IFBLK: return "a device";
    case S_IFSOCK: return "a socket";
  }
  return "not a regular file";
}

// The permission bits a new file gets, as open() with 0666 would give it.
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

void create_parent_folders(const fs::path& parent) {
  std::error_code error;
  if (fs::is_directory(parent, error)) return;
  if (!fs::create_directories(parent, error) && error) {
    fail("cannot create folder", parent, error.value());
  }
}

bool write_all(int descriptor, std::string_view content) {
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(descriptor, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    left -= static_cast<size_t>(written);
  }
  return true;
}

}  // namespace

std::string system_error_text(int error_number) {
  std::string text = std::strerror(error_number);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string read_file(const fs::path& file) {
  std::error_code error;
  if (fs::is_directory(file, error)) {
    throw Error("cannot read '" + file.string() + "': it is a directory", kUnit);
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) fail("cannot read", file, errno);
  std::ostringstream content;
  content << stream.rdbuf();
  if (stream.bad()) fail("cannot read", file, errno);
  return content.str();
}

void check_output_target(const fs::path& file) {
  struct stat status {};
  if (::lstat(file.c_str(), &status) != 0) return;  // a new file
  const std::string kind = kind_of_special_file(status);
  if (!kind.empty()) {
    const bool folder = S_ISDIR(status.st_mode);
    throw Error("cannot write '" + file.string() + "': it is " + kind +
                    "; only regular files are replaced" +
                    (folder ? " (to write into the folder, end the path with '/')" : ""),
                kUnit);
  }
}

void write_file_atomically(const fs::path& file, std::string_view content,
                           std::optional<unsigned> permissions) {
  check_output_target(file);
  struct stat existing {};
  mode_t mode =
      ::stat(file.c_str(), &existing) == 0 ? existing.st_mode & 07777 : new_file_mode();
  if (permissions) mode = static_cast<mode_t>(*permissions);
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  create_parent_folders(parent);
  std::string temp_name = file.filename().string();
  temp_name.insert(0, 1, '.');
  temp_name += ".swtmp-XXXXXX";
  PendingTempFile pending((parent / temp_name).string());  // removed if interrupted meanwhile
  const int descriptor = pending.create();
  if (descriptor < 0) fail("cannot write", file, errno);
  bool ok = write_all(descriptor, content);
  int reason = errno;
  if (ok && ::fchmod(descriptor, mode) != 0) {
    ok = false;
    reason = errno;
  }
  if (::close(descriptor) != 0 && ok) {
    ok = false;
    reason = errno;
  }
  if (ok && std::rename(pending.path(), file.c_str()) != 0) {
    ok = false;
    reason = errno;
  }
  if (!ok) {
    std::remove(pending.path());
    fail("cannot write", file, reason);
  }
}

void check_written(std::ostream& out) {
  // The errno of the failed write is long gone by the time the stream reports it.
  out.flush();
  if (!out) throw Error("cannot write to standard output", kUnit);
}

}  // namespace switcheroo
