package dev.crossmesh.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The start-up benchmark's yardstick: the least a JavaFX app can show (one label in a window the wizard's size),
 * started the way the wizard is (a plain main class that launches an Application) and timed by the same
 * {@link FirstFrameProbe}, so that the ratio of the two leaves out the machine's speed.
 */
public final class MinimalWindow {
    private MinimalWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(new Label("crossmesh")), 1280, 800));
            stage.setTitle("minimal");
            stage.show();
            FirstFrameProbe.watch(stage);
        }
    }
}
