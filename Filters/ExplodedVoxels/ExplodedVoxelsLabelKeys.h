/**
 * @class   ExplodedVoxelsLabelKeys
 * @brief   The labels of a label image as 64-bit keys that keep their order and their exact
 *          values, whatever the integer type of the array.
 *
 * Labels are compared as the integers they are, never through a double (which rounds above
 * 2^53). Every integer type but unsigned 64-bit is its own key; unsigned 64-bit labels are
 * shifted down by 2^63, so that the largest ones keep their order instead of wrapping to negative
 * keys. Region tables are indexed by key - first key.
 */
#ifndef paravoxel_ExplodedVoxelsLabelKeys_h
#define paravoxel_ExplodedVoxelsLabelKeys_h

#include "vtkType.h"

#include <string>
#include <type_traits>

class vtkDataArray;

namespace paravoxel
{
class ExplodedVoxelsLabelKeys
{
public:
  /** Keys for labels of VTK type `dataType` (an integer type). */
  explicit ExplodedVoxelsLabelKeys(int dataType);

  /** The key of `label`, a value of the label array. */
  template <typename T>
  long long operator()(T label) const
  {
    if constexpr (std::is_floating_point<T>::value)
    {
      // Arrays that vtkArrayDispatch does not resolve hand their values over as doubles.
      return this->KeyOfDouble(static_cast<double>(label));
    }
    else if constexpr (std::is_unsigned<T>::value && sizeof(T) == 8)
    {
      return static_cast<long long>(static_cast<unsigned long long>(label) ^ SignBit);
    }
    else
    {
      return static_cast<long long>(label);
    }
  }

  /** The key of label number `index` of LabelNames (a name table indexed from 0). */
  long long OfIndex(vtkIdType index) const;

  /**
   * The key of the label written as the whole decimal number `text`; false when `text` is no
   * whole number or no value of the label type.
   */
  bool Parse(const std::string& text, long long& key) const;

  /** The label whose key is `key`, in decimal. */
  std::string ToString(long long key) const;

  /**
   * The smallest and largest keys in `labels` (one component), exactly; first > last when it has
   * no values. Uses the array's cached range when that is exact (within +-2^53), else a pass.
   */
  void Range(vtkDataArray* labels, long long& first, long long& last) const;

private:
  static constexpr unsigned long long SignBit = 1ULL << 63;
  long long KeyOfDouble(double label) const;
  bool Unsigned64;
};
} // namespace paravoxel

#endif
