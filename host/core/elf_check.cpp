#include "elf_check.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <vector>

namespace switcheroo {

std::optional<std::string> elf_problem(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return "cannot be read";
  stream.seekg(0, std::ios::end);
  const auto size = static_cast<uint64_t>(stream.tellg());
  stream.seekg(0);

  Elf64_Ehdr header{};
  stream.read(reinterpret_cast<char*>(&header), sizeof(header));
  if (size < SELFMAG || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
    return "is not an ELF file";
  }
  if (size < sizeof(header)) return "is a truncated ELF file";
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB) {
    return "is not a 64-bit little-endian ELF file";
  }
  if (header.e_type != ET_DYN) return "is not an ELF shared object";
  if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0 ||
      header.e_shstrndx >= header.e_shnum) {
    return "has a malformed ELF section header table";
  }
  const uint64_t table_end = header.e_shoff + uint64_t{header.e_shnum} * sizeof(Elf64_Shdr);
  if (header.e_shoff > size || table_end > size || table_end < header.e_shoff) {
    return "has an ELF section header table beyond the end of the file";
  }

  std::vector<Elf64_Shdr> sections(header.e_shnum);
  stream.seekg(static_cast<std::streamoff>(header.e_shoff));
  if (!stream.read(reinterpret_cast<char*>(sections.data()),
                   static_cast<std::streamsize>(sections.size() * sizeof(Elf64_Shdr)))) {
    return "has an unreadable ELF section header table";
  }
  for (const auto& section : sections) {
    if (section.sh_type == SHT_NOBITS) continue;
    const uint64_t end = section.sh_offset + section.sh_size;
    if (section.sh_offset > size || end > size || end < section.sh_offset) {
      return "has an ELF section beyond the end of the file";
    }
  }
  return std::nullopt;
}

}  // namespace switcheroo
