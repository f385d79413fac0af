package dev.crossmesh.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application. */
public class CrossmeshApp extends Application {
    public static int open(dev.crossmesh.GuiRequest request) {
        Application.launch(CrossmeshApp.class);
        return 0;
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("crossmesh");
        stage.setScene(new Scene(new Label("crossmesh"), 1024, 700));
        stage.show();
    }
}
