// A block's parameters are checked where the block is built: validated(p,
// "who") returns p when p.validate() (or validate(p) for a generated
// configuration struct) is "", else throws std::invalid_argument naming the
// block and the field. A program of a user's own that builds a model from
// bad parameters gets this error, not undefined behaviour.
#pragma once

#include <stdexcept>
#include <string>

namespace sb {

template <class P>
auto why_invalid(const P& p, int) -> decltype(p.validate()) {
  return p.validate();
}
template <class P>
std::string why_invalid(const P& p, long) {
  return validate(p);  // a free function found by argument-dependent lookup
}

template <class P>
const P& validated(const P& p, const char* who) {
  const std::string why = why_invalid(p, 0);
  if (!why.empty()) throw std::invalid_argument(std::string(who) + ": " + why);
  return p;
}

}  // namespace sb
