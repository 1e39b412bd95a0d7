#include "pqParaVoxelExportActions.h"

#include "pqActiveObjects.h"
#include "pqCoreUtilities.h"
#include "pqFileDialog.h"
#include "pqRenderView.h"
#include "vtkPythonInterpreter.h"

#include <QAction>
#include <QMessageBox>
#include <QString>
#include <QStringList>

#include <string>

pqParaVoxelExportActions::pqParaVoxelExportActions(QObject* parent)
  : QActionGroup(parent)
{
  QAction* action = new QAction(tr("Export ParaVoxel Figure..."), this);
  // The name recorded GUI tests find it by (Testing/GUI/TestExportFigureInGUI.xml.in).
  action->setObjectName("actionExportParaVoxelFigure");
  action->setToolTip(
    tr("Write the active render view as glTF (.glb, .gltf) or as a web page (.html)"));
  this->addAction(action);
  QObject::connect(action, &QAction::triggered, this, &pqParaVoxelExportActions::exportFigure);
}

pqParaVoxelExportActions::~pqParaVoxelExportActions() = default;

void pqParaVoxelExportActions::exportFigure()
{
  QWidget* window = pqCoreUtilities::mainWidget();
  if (!qobject_cast<pqRenderView*>(pqActiveObjects::instance().activeView()))
  {
    QMessageBox::warning(window, tr("Export ParaVoxel Figure"),
      tr("Make a render view showing Exploded Voxels active first."));
    return;
  }
  pqFileDialog dialog(nullptr, window, tr("Export ParaVoxel Figure"), QString(),
    tr("glTF binary (*.glb);;glTF (*.gltf);;Web page (*.html)"));
  dialog.setObjectName("ParaVoxelExportFigureDialog");
  dialog.setFileMode(pqFileDialog::AnyFile);
  if (dialog.exec() != QDialog::Accepted || dialog.getSelectedFiles().isEmpty())
  {
    return;
  }
  // The file name reaches Python as hexadecimal UTF-8: no quoting of any character it holds.
  const QByteArray path = dialog.getSelectedFiles().first().toUtf8().toHex();
  const std::string script = std::string("import paravoxel.web\n"
                                         "from paraview.simple import GetActiveView\n"
                                         "paravoxel.web.export(GetActiveView(), "
                                         "bytes.fromhex('") +
    path.constData() + "').decode('utf-8'))\n";
  if (vtkPythonInterpreter::RunSimpleString(script.c_str()) != 0)
  {
    QMessageBox::warning(window, tr("Export ParaVoxel Figure"),
      tr("The export failed: the Output Messages window says why."));
  }
}
