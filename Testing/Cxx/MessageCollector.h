// What the reader and filter tests use to check messages: the errors and warnings of the
// objects a MessageCollector observes, collected instead of printed.
#ifndef MessageCollector_h
#define MessageCollector_h

#include "vtkCommand.h"
#include "vtkObject.h"

#include <string>
#include <vector>

namespace paravoxel_test
{
/** Collects the error and warning messages of the objects it observes, instead of printing. */
class MessageCollector : public vtkCommand
{
public:
  static MessageCollector* New() { return new MessageCollector; }
  void Execute(vtkObject*, unsigned long event, void* data) override
  {
    (event == vtkCommand::ErrorEvent ? this->Errors : this->Warnings)
      .push_back(data ? static_cast<const char*>(data) : "");
  }
  void Observe(vtkObject* object)
  {
    object->AddObserver(vtkCommand::ErrorEvent, this);
    object->AddObserver(vtkCommand::WarningEvent, this);
  }
  void Clear()
  {
    this->Errors.clear();
    this->Warnings.clear();
  }
  std::vector<std::string> Errors;
  std::vector<std::string> Warnings;
};
} // namespace paravoxel_test

#endif
