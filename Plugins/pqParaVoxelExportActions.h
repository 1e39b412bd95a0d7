/**
 * @class   pqParaVoxelExportActions
 * @brief   File > Export ParaVoxel Figure...: what the active render view shows, written as
 *          glTF (.glb, .gltf) or as a one-file web page (.html) by the `paravoxel.web` Python
 *          package (paravoxel.web.export), through a file dialog.
 *
 * ParaView's own File > Export Scene takes exporters written in C++ (vtkSMExporterProxy
 * proxies) only; the export is Python (numpy, the npm package three inlined into the page), so
 * the plugin adds its own entry to the File menu. The dialog browses the client's files, where
 * the Python that writes them runs.
 */
#ifndef pqParaVoxelExportActions_h
#define pqParaVoxelExportActions_h

#include <QActionGroup>

class pqParaVoxelExportActions : public QActionGroup
{
  Q_OBJECT

public:
  pqParaVoxelExportActions(QObject* parent = nullptr);
  ~pqParaVoxelExportActions() override;

private Q_SLOTS:
  /** Asks for a file name and exports the active render view there. */
  void exportFigure();

private:
  Q_DISABLE_COPY(pqParaVoxelExportActions)
};

#endif
