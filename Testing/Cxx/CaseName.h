// Names each case of a parametrised test (TEST_P over a table of cases) after its `Name`, so
// that gtest and ctest list the cases by what they test. Each case struct also has a
// `PrintTo(const Case&, std::ostream*)` beside it that prints the name: without one gtest prints
// a case's bytes, padding included, which valgrind reports as uninitialised memory.
#ifndef CaseName_h
#define CaseName_h

#include <gtest/gtest.h>

#include <string>

namespace paravoxel_test
{
struct CaseName
{
  template <typename Case>
  std::string operator()(const ::testing::TestParamInfo<Case>& info) const
  {
    return info.param.Name;
  }
};
} // namespace paravoxel_test

#endif
