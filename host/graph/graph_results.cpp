// How the methods of a class of the file use the results of the framework layers it holds
// (Module::state_read): every call `self.<name>(...)` in them, read as the converter reads it
// (convert::result_use), so that weight paths follow the form `swhost convert` writes.
#include "graph_builder.h"

#include "convert/result_use.h"

#include <algorithm>

namespace switcheroo::graph {

namespace {

using convert::CallResults;

// Reads the calls of one attribute (`self.stacked`) in a class's methods.
class ResultReader {
 public:
  explicit ResultReader(const std::string& name) : name_(name) {}

  void statements(const std::vector<Stmt>& body, const std::string& self) {
    for (const Stmt& statement : body) {
      if (statement.kind == Stmt::Kind::function_def && statement.function) {
        const auto& params = statement.function->params;
        statements(statement.function->body, params.empty() ? "" : params.front().name);
        continue;
      }
      if (statement.kind == Stmt::Kind::assign && statement.targets.size() == 1 && statement.value &&
          is_call(*statement.value, self)) {
        calls_.push_back({false, unpacked(*statement.targets.front())});
        arguments(*statement.value, self);
      } else {
        for (const ExprPtr& target : statement.targets) expression(target, self);
        expression(statement.value, self);
      }
      statements(statement.body, self);
      statements(statement.orelse, self);
    }
  }

  const std::vector<CallResults>& calls() const { return calls_; }

 private:
  bool is_call(const Expr& expr, const std::string& self) const {
    if (self.empty() || expr.kind != Expr::Kind::call || expr.items.empty()) return false;
    const Expr& callee = *expr.items.front();
    return callee.kind == Expr::Kind::attribute && callee.text == name_ && !callee.items.empty() &&
           callee.items.front()->kind == Expr::Kind::name && callee.items.front()->text == self;
  }

  // `out, (h, c)`: out, h, c; `out, h`: out, h; empty for any other target.
  static std::vector<std::string> unpacked(const Expr& target) {
    if (target.kind != Expr::Kind::tuple || target.items.size() != 2) return {};
    std::vector<std::string> names;
    for (const ExprPtr& item : target.items) {
      if (item->kind == Expr::Kind::name) {
        names.push_back(item->text);
      } else if (item == target.items.back() && item->kind == Expr::Kind::tuple && item->items.size() == 2 &&
                 item->items[0]->kind == Expr::Kind::name && item->items[1]->kind == Expr::Kind::name) {
        names.push_back(item->items[0]->text);
        names.push_back(item->items[1]->text);
      } else {
        return {};
      }
    }
    return names;
  }

  void arguments(const Expr& call, const std::string& self) {
    for (size_t i = 1; i < call.items.size(); ++i) expression(call.items[i], self);
  }

  void expression(const ExprPtr& expr, const std::string& self) {
    if (!expr) return;
    if (expr->kind == Expr::Kind::subscript && expr->items.size() == 2 && is_call(*expr->items[0], self) &&
        expr->items[1]->kind == Expr::Kind::number && expr->items[1]->text == "0") {
      calls_.push_back({true, {}});
      arguments(*expr->items[0], self);
      return;
    }
    if (is_call(*expr, self)) {
      calls_.push_back({false, {}});  // any other use
      arguments(*expr, self);
      return;
    }
    for (const ExprPtr& item : expr->items) expression(item, self);
  }

  std::string name_;
  std::vector<CallResults> calls_;
};

}  // namespace

void GraphBuilder::read_result_uses() {
  for (size_t index = 0; index < graph_.modules.size(); ++index) {
    Module& module = graph_.modules[index];
    if (module.op.empty() || module.parent < 0) continue;
    const auto owner = module_objects_.find(module.parent);
    if (owner == module_objects_.end() || !owner->second->class_value) continue;
    ResultReader reader(module.name);
    for (auto type = owner->second->class_value; type && type->definition;) {
      reader.statements(type->definition->body, "");
      const auto base = std::find_if(type->bases.begin(), type->bases.end(),
                                     [](const ValuePtr& value) { return value->kind == Value::Kind::class_; });
      type = base == type->bases.end() ? nullptr : (*base)->class_value;
    }
    module.state_read = convert::result_use(reader.calls()) == convert::ResultUse::state;
  }
}

}  // namespace switcheroo::graph
