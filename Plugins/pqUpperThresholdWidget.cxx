#include "pqUpperThresholdWidget.h"

#include "pqDoubleRangeWidget.h"
#include "pqWidgetRangeDomain.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QSignalBlocker>

#include <limits>

namespace
{
constexpr double NoUpperLimit = std::numeric_limits<double>::max();
// The largest double as ParaView writes it (six digits: the XML default, traces, state files)
// is a little below NoUpperLimit, and means no limit as well.
constexpr double NoUpperLimitAsWritten = 1.79769e+308;
}

pqUpperThresholdWidget::pqUpperThresholdWidget(
  vtkSMProxy* proxy, vtkSMProperty* property, QWidget* parent)
  : Superclass(proxy, parent)
  , NoLimit(new QCheckBox(tr("No upper limit"), this))
  , Slider(new pqDoubleRangeWidget(this))
  , Value(NoUpperLimit)
{
  this->setProperty(property);
  this->NoLimit->setObjectName("NoUpperLimit");
  this->Slider->setObjectName("DoubleRangeWidget");
  // Follows the ArrayRangeDomain: the selected array's minimum and maximum.
  new pqWidgetRangeDomain(this->Slider, "minimum", "maximum", property, 0);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(this->NoLimit);
  layout->addWidget(this->Slider, 1);

  QObject::connect(
    this->NoLimit, &QCheckBox::toggled, this, &pqUpperThresholdWidget::noLimitToggled);
  QObject::connect(
    this->Slider, &pqDoubleRangeWidget::valueEdited, this, &pqUpperThresholdWidget::sliderEdited);
  this->addPropertyLink(this, "value", SIGNAL(valueChanged(double)), property);
  this->showValue();
}

pqUpperThresholdWidget::~pqUpperThresholdWidget() = default;

void pqUpperThresholdWidget::setValue(double value)
{
  if (value != this->Value)
  {
    this->Value = value;
    this->showValue();
  }
}

void pqUpperThresholdWidget::noLimitToggled(bool noLimit)
{
  this->Value = noLimit ? NoUpperLimit : this->Slider->maximum();
  this->showValue();
  Q_EMIT this->valueChanged(this->Value);
}

void pqUpperThresholdWidget::sliderEdited(double value)
{
  this->Value = value;
  Q_EMIT this->valueChanged(this->Value);
}

void pqUpperThresholdWidget::showValue()
{
  const bool noLimit = this->Value >= NoUpperLimitAsWritten;
  const QSignalBlocker blockBox(this->NoLimit);
  const QSignalBlocker blockSlider(this->Slider);
  this->NoLimit->setChecked(noLimit);
  this->Slider->setVisible(!noLimit);
  if (!noLimit)
  {
    this->Slider->setValue(this->Value);
  }
}
