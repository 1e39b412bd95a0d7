/**
 * @class   pqUpperThresholdWidget
 * @brief   Exploded Voxels' Upper Threshold in the GUI: "No upper limit", or a slider over the
 *          selected array's range.
 *
 * The property keeps the filter's meaning, so pvpython scripts are unchanged: a voxel is filled
 * when its value is at most UpperThreshold, and the default, the largest double, means no upper
 * limit. ParaView's own slider would show that default as 1.79769e+308. This widget shows it as
 * a checked "No upper limit" box instead; unchecking it starts the slider at the maximum of the
 * array selected at that moment (never one remembered from when the filter was made), and the
 * slider always spans the selected array's range (the property's ArrayRangeDomain).
 */
#ifndef pqUpperThresholdWidget_h
#define pqUpperThresholdWidget_h

#include "pqPropertyWidget.h"

class QCheckBox;
class pqDoubleRangeWidget;

class pqUpperThresholdWidget : public pqPropertyWidget
{
  Q_OBJECT
  Q_PROPERTY(double value READ value WRITE setValue NOTIFY valueChanged)
  typedef pqPropertyWidget Superclass;

public:
  pqUpperThresholdWidget(vtkSMProxy* proxy, vtkSMProperty* property, QWidget* parent = nullptr);
  ~pqUpperThresholdWidget() override;

  double value() const { return this->Value; }

public Q_SLOTS:
  /** From the property: at least the largest double shows as "No upper limit". */
  void setValue(double value);

Q_SIGNALS:
  void valueChanged(double value);

private:
  /** The user's choices: each changes the value and says so to the property link. */
  void noLimitToggled(bool noLimit);
  void sliderEdited(double value);

  /** Shows Value: the box checked and the slider hidden when there is no limit. */
  void showValue();

  QCheckBox* NoLimit;
  pqDoubleRangeWidget* Slider;
  double Value;
};

#endif
