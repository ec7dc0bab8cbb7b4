#include "rdna_kernel_info.h"

#include <cctype>
#include <charconv>
#include <sstream>

namespace switcheroo::rdna {
namespace {

using sdk::isa::trim;

int64_t number(std::string_view text) {
  int64_t value = 0;
  text = trim(text);
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string unquote(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"'))
    text = text.substr(1, text.size() - 2);
  return std::string(text);
}

// One `key: value` line of the YAML metadata, with its indentation and list dash removed.
bool key_value(std::string_view line, std::string_view& key, std::string_view& value, bool& item) {
  std::string_view text = trim(line);
  item = text.substr(0, 2) == "- ";
  if (item) text = trim(text.substr(2));
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  key = text.substr(0, colon);
  value = trim(text.substr(colon + 1));
  return true;
}

}  // namespace

std::map<std::string, KernelInfo> read_kernel_info(std::string_view text) {
  std::map<std::string, KernelInfo> kernels;
  std::istringstream lines{std::string(text)};
  std::string line, descriptor_of;
  bool in_metadata = false, in_args = false;
  std::vector<sdk::isa::Parameter> args;
  while (std::getline(lines, line)) {
    const std::string_view text_line = trim(line);
    if (text_line.rfind(".amdhsa_kernel ", 0) == 0) {
      descriptor_of = std::string(trim(text_line.substr(15)));
    } else if (text_line == ".end_amdhsa_kernel") {
      descriptor_of.clear();
    } else if (!descriptor_of.empty() && text_line.rfind(".amdhsa_", 0) == 0) {
      const auto space = text_line.find_first_of(" \t");
      if (space != std::string_view::npos)
        kernels[descriptor_of].directives[std::string(text_line.substr(0, space))] =
            number(text_line.substr(space));
    } else if (text_line == ".amdgpu_metadata") {
      in_metadata = true;
    } else if (text_line == ".end_amdgpu_metadata") {
      in_metadata = false;
    } else if (in_metadata) {
      std::string_view key, value;
      bool item = false;
      if (!key_value(line, key, value, item)) continue;
      const size_t indent = line.find_first_not_of(' ');
      if (key == ".args") {
        in_args = true;
        args.clear();
        continue;
      }
      if (in_args && indent >= 6) {
        if (item) args.emplace_back();
        if (args.empty()) continue;
        auto& arg = args.back();
        if (key == ".offset") arg.offset = static_cast<uint32_t>(number(value));
        if (key == ".size") arg.size = static_cast<uint32_t>(number(value));
        if (key == ".name") arg.name = unquote(value);
        if (key == ".type_name") arg.type_name = unquote(value);
        if (key == ".value_kind") {
          arg.is_pointer = value == "global_buffer" || value == "dynamic_shared_pointer";
          if (value.rfind("hidden_", 0) == 0 && !arg.name) arg.name = std::string(value);
        }
      } else if (indent >= 4 && key == ".name") {
        in_args = false;
        kernels[unquote(value)].parameters = args;
      } else if (indent < 6) {
        in_args = false;
      }
    }
  }
  return kernels;
}

void describe_kernel(const KernelInfo& info, sdk::isa::Kernel& kernel) {
  auto directive = [&](const char* name) {
    const auto found = info.directives.find(std::string(".amdhsa_") + name);
    return found == info.directives.end() ? int64_t{0} : found->second;
  };
  kernel.parameters = info.parameters;
  // The lifted code runs one work-item at a time: its lane is the whole wave and is active.
  kernel.live_ins.emplace_back("exec", "1");
  // User SGPRs come in this order, each present only when its directive enables it.
  int64_t next = 0;
  const std::pair<const char*, int> user_sgprs[] = {{"user_sgpr_private_segment_buffer", 4},
                                                    {"user_sgpr_dispatch_ptr", 2},
                                                    {"user_sgpr_queue_ptr", 2},
                                                    {"user_sgpr_kernarg_segment_ptr", 2}};
  for (const auto& [name, size] : user_sgprs) {
    if (!directive(name)) continue;
    const std::string low = "s" + std::to_string(next), high = "s" + std::to_string(next + 1);
    if (std::string(name) == "user_sgpr_kernarg_segment_ptr") {
      kernel.kernarg_register = "s[" + std::to_string(next) + ":" + std::to_string(next + 1) + "]";
    } else if (std::string(name) == "user_sgpr_dispatch_ptr") {
      // The address of the HSA dispatch packet (work-group and grid sizes), which the grid
      // provides.
      kernel.live_ins.emplace_back(low, "lo32(dispatch_ptr)");
      kernel.live_ins.emplace_back(high, "hi32(dispatch_ptr)");
    }
    next += size;
  }
  int64_t system = directive("user_sgpr_count");
  for (const char* axis : {"x", "y", "z"}) {
    if (directive((std::string("system_sgpr_workgroup_id_") + axis).c_str())) {
      kernel.live_ins.emplace_back("s" + std::to_string(system++),
                                   std::string("workgroup_id_") + axis);
    }
  }
  const int64_t workitem_ids = directive("system_vgpr_workitem_id");
  if (kernel.architecture.rfind("gfx11", 0) == 0) {
    kernel.live_ins.emplace_back("v0",
                                 "workitem_id_x | (workitem_id_y << 10) | (workitem_id_z << 20)");
  } else {
    const char* axes[] = {"x", "y", "z"};
    for (int64_t i = 0; i <= workitem_ids && i < 3; ++i)
      kernel.live_ins.emplace_back("v" + std::to_string(i), std::string("workitem_id_") + axes[i]);
  }
}

}  // namespace switcheroo::rdna
